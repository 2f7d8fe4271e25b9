import { Generator, tensor } from '@nabla/tensor';
import { describe, expect, test } from 'vitest';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type TrainingCheckpoint } from './checkpoint.js';
import { decodeCheckpoint, encodeCheckpoint } from './encode.js';

function checkpoint(extra: Partial<TrainingCheckpoint> = {}): TrainingCheckpoint {
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    epoch: 2,
    step: 20,
    model: { '0.weight': tensor([[1, 2]]), '0.bias': tensor([0.5], { dtype: 'float64' }) },
    optimizer: { state: { 0: { step: 3, expAvg: tensor([[0.1, 0.2]]) } }, paramGroups: [] },
    scheduler: null,
    train: { epoch: 2, batch: 3 },
    progress: null,
    history: [],
    callbacks: {},
    generators: [new Generator(5).getState()],
    ...extra,
  };
}

describe('encodeCheckpoint / decodeCheckpoint', () => {
  test('round-trip tensors (dtype and bits), numbers JSON cannot hold, and odd keys', () => {
    const special = {
      values: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.1 + 0.2],
      // A key that plain assignment would treat as the prototype.
      ['__proto__' as string]: 1,
      labels: tensor([1, 2, 3], { dtype: 'int32' }),
      nothing: null,
    };
    Object.defineProperty(special, '__proto__', { value: 1, enumerable: true });
    const c = checkpoint({ callbacks: { 'Custom#0': special } });
    const back = decodeCheckpoint(encodeCheckpoint(c));
    expect(back.model['0.weight']!.toArray()).toEqual([[1, 2]]);
    expect(back.model['0.bias']!.dtype).toBe('float64');
    const state = back.callbacks['Custom#0'] as typeof special;
    expect(state.values).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      0.1 + 0.2,
    ]);
    expect(Object.is(state.values[3], -0)).toBe(true);
    expect(Object.hasOwn(state, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
    expect(state.labels.dtype).toBe('int32');
    expect(state.nothing).toBeNull();
    expect(back.optimizer).toEqual(c.optimizer);
    expect(back.generators).toEqual(c.generators);
  });

  test('refuses what it cannot store or read', () => {
    expect(() => encodeCheckpoint(checkpoint({ callbacks: { 'X#0': new Map() } }))).toThrow(
      /cannot store Map at \/callbacks\/X#0/,
    );
    expect(() => encodeCheckpoint({ format: 'other' } as unknown as TrainingCheckpoint)).toThrow(
      /expects a training checkpoint/,
    );
    expect(() => encodeCheckpoint(checkpoint({ version: 99 }))).toThrow(
      /version 99 is not supported/,
    );
  });
});
