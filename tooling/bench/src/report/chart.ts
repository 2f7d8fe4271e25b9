// Which figures the chart shows: the headline of each workload, every engine that has it.
import type { BenchResult } from '../results.js';
import { LAYOUTS, type MatmulShape, matmulKey } from '../workloads.js';
import type { ChartGroup } from './svg.js';

export function chartGroups(result: BenchResult, shapes: readonly MatmulShape[]): ChartGroup[] {
  const groups: ChartGroup[] = [];
  const group = (
    title: string,
    unit: string,
    get: (e: BenchResult['engines'][number]) => number | undefined,
  ) => {
    const bars = result.engines
      .map((e) => ({ engine: e.label, value: get(e) }))
      .filter((b): b is { engine: string; value: number } => b.value !== undefined);
    if (bars.length > 0) groups.push({ title, unit, bars });
  };
  group('MNIST MLP training', 'samples/s', (e) => e.mnist?.samplesPerSec.median);
  group('tiny 2-8-8-1 training', 'steps/s', (e) => e.tiny?.stepsPerSec.median);
  const shape = shapes[0];
  if (shape !== undefined) {
    for (const layout of LAYOUTS) {
      group(
        `matmul ${matmulKey(shape, layout)}`,
        'GFLOP/s',
        (e) => e.matmul?.[matmulKey(shape, layout)]?.median,
      );
    }
  }
  // Ops per microsecond, so that longer is better here too.
  group('elementwise add of 8-vectors', 'ops/µs', (e) =>
    e.perOp === undefined ? undefined : 1 / e.perOp.usPerOp.median,
  );
  return groups;
}
