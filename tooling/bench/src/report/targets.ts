// The targets of the performance issue, checked against one run's medians.
import type { EngineResult } from '../results.js';
import { LAYOUTS, matmulKey } from '../workloads.js';
import { formatNumber } from './metrics.js';

export interface TargetCheck {
  target: string;
  measured: string;
  /** null when a figure the target needs was not measured (a peer missing, a quick run). */
  met: boolean | null;
}

type Engines = Record<string, EngineResult | undefined>;

const TARGET_SHAPE = [128, 784, 256] as const;

export function checkTargets(engines: Engines): TargetCheck[] {
  const simd = engines['nabla-simd'];
  const relaxed = engines['nabla-relaxed'];
  const checks: TargetCheck[] = [];
  const add = (
    target: string,
    value: number | undefined,
    measured: (v: number) => string,
    ok: (v: number) => boolean,
  ) =>
    checks.push(
      value === undefined
        ? { target, measured: 'not measured', met: null }
        : { target, measured: measured(value), met: ok(value) },
    );

  add(
    'per-op overhead ≤ 0.2 µs (add of two 8-vectors)',
    simd?.perOp?.usPerOp.median,
    (v) => `${formatNumber(v)} µs`,
    (v) => v <= 0.2,
  );
  const tiny = simd?.tiny?.stepsPerSec.median;
  add(
    'tiny 2-8-8-1 ≥ 50,000 steps/s',
    tiny,
    (v) => `${formatNumber(v)} steps/s`,
    (v) => v >= 50_000,
  );
  const torchTiny = engines['torch-1']?.tiny?.stepsPerSec.median;
  add(
    'tiny 2-8-8-1 ≥ 10× PyTorch',
    tiny !== undefined && torchTiny !== undefined ? tiny / torchTiny : undefined,
    (v) => `${formatNumber(v)}×`,
    (v) => v >= 10,
  );

  const worst = (e: EngineResult | undefined) => {
    const values = LAYOUTS.map((l) => e?.matmul?.[matmulKey(TARGET_SHAPE, l)]?.median);
    return values.some((v) => v === undefined) ? undefined : Math.min(...(values as number[]));
  };
  add(
    'matmul (128,784,256) ≥ 40 GFLOP/s, every layout, plain SIMD, 1 thread',
    worst(simd),
    (v) => `${formatNumber(v)} (slowest layout)`,
    (v) => v >= 40,
  );
  add(
    'matmul (128,784,256) ≥ 48 GFLOP/s, every layout, relaxed SIMD, 1 thread',
    worst(relaxed),
    (v) => `${formatNumber(v)} (slowest layout)`,
    (v) => v >= 48,
  );
  const threaded = [engines['nabla-simd-2t'], engines['nabla-relaxed-2t']]
    .map(worst)
    .filter((v): v is number => v !== undefined);
  add(
    'matmul (128,784,256) ≥ 80 GFLOP/s with 2 threads',
    threaded.length > 0 ? Math.max(...threaded) : undefined,
    (v) => `${formatNumber(v)} (slowest layout, faster variant)`,
    (v) => v >= 80,
  );

  const best = [simd, relaxed]
    .map((e) => e?.mnist?.samplesPerSec.median)
    .filter((v): v is number => v !== undefined);
  const mnist = best.length > 0 ? Math.max(...best) : undefined;
  add(
    'MNIST MLP ≥ 32,000 samples/s (1 thread)',
    mnist,
    (v) => `${formatNumber(v)} samples/s`,
    (v) => v >= 32_000,
  );
  const tfWasm = engines['tfjs-wasm']?.mnist?.samplesPerSec.median;
  add(
    'MNIST MLP ≥ 10× TF.js wasm',
    mnist !== undefined && tfWasm !== undefined ? mnist / tfWasm : undefined,
    (v) => `${formatNumber(v)}×`,
    (v) => v >= 10,
  );
  const torch1 = engines['torch-1']?.mnist?.samplesPerSec.median;
  add(
    'MNIST MLP ≥ 0.5× PyTorch + OpenBLAS, 1 thread',
    mnist !== undefined && torch1 !== undefined ? mnist / torch1 : undefined,
    (v) => `${formatNumber(v)}×`,
    (v) => v >= 0.5,
  );
  const best2 = [engines['nabla-simd-2t'], engines['nabla-relaxed-2t']]
    .map((e) => e?.mnist?.samplesPerSec.median)
    .filter((v): v is number => v !== undefined);
  const torch2 = engines['torch-2']?.mnist?.samplesPerSec.median;
  // Reported, not a target: the issue asks for the 2-thread figure beside PyTorch's.
  checks.push({
    target: 'MNIST MLP, 2 threads, against PyTorch + OpenBLAS, 2 threads (reported)',
    measured:
      best2.length === 0
        ? 'not measured'
        : `${formatNumber(Math.max(...best2))} samples/s${
            torch2 === undefined ? '' : ` (${formatNumber(Math.max(...best2) / torch2)}×)`
          }`,
    met: null,
  });
  return checks;
}
