// The rows of every table: one per figure, read from the engines' results the same way.
import type { EngineResult, Measurement } from '../results.js';
import { LAYOUTS, type MatmulShape, matmulKey } from '../workloads.js';

export interface Metric {
  key: string;
  label: string;
  unit: string;
  higherIsBetter: boolean;
  get: (r: EngineResult) => Measurement | undefined;
}

export function metrics(shapes: readonly MatmulShape[]): Metric[] {
  const rows: Metric[] = [
    {
      key: 'mnist',
      label: 'MNIST MLP',
      unit: 'samples/s',
      higherIsBetter: true,
      get: (r) => r.mnist?.samplesPerSec,
    },
    {
      key: 'mnistStep',
      label: 'MNIST MLP step',
      unit: 'ms/step',
      higherIsBetter: false,
      get: (r) => r.mnist?.msPerStep,
    },
    {
      key: 'tiny',
      label: 'tiny 2-8-8-1',
      unit: 'steps/s',
      higherIsBetter: true,
      get: (r) => r.tiny?.stepsPerSec,
    },
  ];
  for (const shape of shapes) {
    for (const layout of LAYOUTS) {
      const key = matmulKey(shape, layout);
      rows.push({
        key: `matmul ${key}`,
        label: `matmul ${key}`,
        unit: 'GFLOP/s',
        higherIsBetter: true,
        get: (r) => r.matmul?.[key],
      });
    }
  }
  rows.push({
    key: 'perOp',
    label: 'add of two 8-vectors',
    unit: 'µs/op',
    higherIsBetter: false,
    get: (r) => r.perOp?.usPerOp,
  });
  return rows;
}

/** How many times faster `a` is than `b` on this metric (> 1: a is faster). */
export function speedup(metric: Metric, a: number, b: number): number {
  return metric.higherIsBetter ? a / b : b / a;
}

/** A figure with sensible precision: 3 significant digits, thousands separated. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  if (abs >= 100) return Math.round(v).toLocaleString('en-US');
  if (abs >= 10) return v.toFixed(1);
  if (abs >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '—';
  return r >= 10 ? `${Math.round(r)}×` : `${r.toFixed(2)}×`;
}
