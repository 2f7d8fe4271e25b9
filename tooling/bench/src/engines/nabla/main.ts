// The Nabla engine process: `node [--experimental-wasm-relaxed-simd] [--expose-gc]
// dist/engines/nabla/main.js '<EngineRequest JSON>'`, variant 'simd', 'relaxed' or 'js'.
import {
  add,
  jsKernels,
  type Kernels,
  kernels,
  matmul,
  randn,
  release,
  setKernels,
  setNumThreads,
  tensor,
  threadsReady,
  wasmKernels,
} from '@nabla/tensor';
import { mnistData } from '../../data.js';
import type { EngineResult, Measurement } from '../../results.js';
import { measure, timeMs } from '../../sampling.js';
import { LAYOUTS, matmulKey } from '../../workloads.js';
import { progress, readRequest, startUsage, writeResult } from '../child.js';
import { memoryRun } from './memory.js';
import { mnistTrainer } from './mnist.js';
import { tinyTrainer } from './tiny.js';

const request = readRequest();
const w = request.workloads;
const backends: Record<string, () => Kernels | null> = {
  simd: () => wasmKernels({ relaxed: false }),
  relaxed: () => wasmKernels({ relaxed: true }),
  js: () => jsKernels,
};
const backend = backends[request.variant]?.();
if (backend === null || backend === undefined) {
  throw new Error(`nabla engine: variant ${request.variant} is not available in this runtime`);
}
setKernels(backend);
const threads = request.threads ?? 1;
setNumThreads(threads);
// Helpers up before the first measured product (they start lazily otherwise).
const usableThreads = await threadsReady();
if (usableThreads !== threads) {
  throw new Error(`nabla engine: asked for ${threads} threads, ${usableThreads} available`);
}
const names: Record<string, string> = {
  simd: 'Nabla (WASM SIMD)',
  relaxed: 'Nabla (WASM relaxed SIMD)',
  js: 'Nabla (TypeScript kernels)',
};
const engine = `nabla-${request.variant}${threads > 1 ? `-${threads}t` : ''}`;
const result: EngineResult = {
  engine,
  label:
    threads > 1
      ? names[request.variant]!.replace(')', `, ${threads} threads)`)
      : names[request.variant]!,
  info: {
    kernels: kernels().name,
    node: process.version,
    v8: process.versions.v8,
    threads: String(threads),
  },
};
const settings = { samples: w.samples, warmup: w.warmup };
const usage = startUsage();

if (request.run.includes('mnist') || request.run.includes('memory')) {
  const data = await mnistData();
  if (request.run.includes('mnist')) {
    progress(engine, 'MNIST MLP');
    const step = mnistTrainer(data, w.mnist);
    const msPerStep = measure(
      () =>
        timeMs(() => {
          for (let s = 0; s < w.mnist.stepsPerSample; s++) step();
        }) / w.mnist.stepsPerSample,
      { ...settings, unit: 'ms/step', higherIsBetter: false },
    );
    result.mnist = {
      msPerStep,
      samplesPerSec: rates(msPerStep, (ms) => (w.mnist.batch * 1000) / ms, 'samples/s'),
      rssMb: process.memoryUsage().rss / 1024 / 1024,
    };
  }
  if (request.run.includes('memory')) {
    progress(engine, `memory over ${w.memory.epochs} MNIST epochs`);
    result.memory = await memoryRun(data, w);
  }
}

if (request.run.includes('tiny')) {
  progress(engine, '2-8-8-1 network');
  const step = tinyTrainer(w.tiny);
  result.tiny = {
    stepsPerSec: measure(
      () => {
        const ms = timeMs(() => {
          for (let s = 0; s < w.tiny.stepsPerSample; s++) step();
        });
        return (w.tiny.stepsPerSample * 1000) / ms;
      },
      { ...settings, unit: 'steps/s', higherIsBetter: true },
    ),
  };
}

if (request.run.includes('matmul')) {
  result.matmul = {};
  for (const shape of w.matmul.shapes) {
    const [m, k, n] = shape;
    const flops = 2 * m * k * n;
    // Enough products per sample to last ~30 ms at 50 GFLOP/s.
    const reps = Math.max(1, Math.round(1.5e9 / flops));
    for (const layout of LAYOUTS) {
      progress(engine, `matmul ${matmulKey(shape, layout)}`);
      const transposeA = layout === 'Aᵀ·B';
      const transposeB = layout === 'A·Bᵀ';
      const a = randn(transposeA ? [k, m] : [m, k], { seed: 1 });
      const b = randn(transposeB ? [n, k] : [k, n], { seed: 2 });
      const flags = { transposeA, transposeB };
      result.matmul[matmulKey(shape, layout)] = measure(
        () => {
          // The result goes back to the buffer pool, as a training step's temporaries do.
          const ms = timeMs(() => {
            for (let r = 0; r < reps; r++) release(matmul(a, b, flags));
          });
          return (flops * reps) / ms / 1e6;
        },
        { ...settings, unit: 'GFLOP/s', higherIsBetter: true },
      );
    }
  }
}

if (request.run.includes('perOp')) {
  progress(engine, 'per-op overhead');
  const a = tensor(Array.from({ length: w.perOp.length }, (_, i) => i));
  const b = tensor(Array.from({ length: w.perOp.length }, (_, i) => 2 * i));
  const ops = w.perOp.opsPerSample;
  result.perOp = {
    usPerOp: measure(
      () =>
        (timeMs(() => {
          for (let i = 0; i < ops; i++) add(a, b);
        }) *
          1000) /
        ops,
      { ...settings, warmup: settings.warmup + 2, unit: 'µs/op', higherIsBetter: false },
    ),
  };
}

result.info.cpuShare = usage();
writeResult(request, result);

/** The same samples as another unit (`f` monotone decreasing, e.g. ms/step to samples/s). */
function rates(m: Measurement, f: (v: number) => number, unit: string): Measurement {
  return { median: f(m.median), best: f(m.best), samples: m.samples.map(f), unit };
}
