import { describe, expect, it } from 'vitest';
import { mergeResults } from './merge.js';
import type { EngineResult } from './results.js';

describe('mergeResults', () => {
  it('pools the samples of figures both results have and keeps the rest', () => {
    const a: EngineResult = {
      engine: 'x',
      label: 'X',
      info: { v: '1' },
      tiny: { stepsPerSec: { median: 2, best: 3, samples: [1, 2, 3], unit: 'steps/s' } },
      perOp: { usPerOp: { median: 2, best: 1, samples: [1, 2, 3], unit: 'µs/op' } },
    };
    const b: EngineResult = {
      engine: 'x',
      label: 'X',
      info: { v: '1' },
      tiny: { stepsPerSec: { median: 5, best: 6, samples: [4, 5, 6], unit: 'steps/s' } },
      perOp: { usPerOp: { median: 5, best: 4, samples: [4, 5, 6], unit: 'µs/op' } },
      matmul: { k: { median: 1, best: 1, samples: [1], unit: 'GFLOP/s' } },
    };
    const m = mergeResults(a, b);
    expect(m.tiny?.stepsPerSec).toEqual({
      median: 3.5,
      best: 6,
      samples: [1, 2, 3, 4, 5, 6],
      unit: 'steps/s',
    });
    expect(m.perOp?.usPerOp.best).toBe(1);
    expect(m.matmul?.k?.samples).toEqual([1]);
    expect(m.info).toEqual({ v: '1' });
  });
});
