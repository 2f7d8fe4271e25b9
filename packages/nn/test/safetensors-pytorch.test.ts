// The reader on files it did not write: safetensors files written by the PyTorch fixture script.
import { describe, expect, it } from 'vitest';
import { fromSafetensors } from '../src/safetensors/read.js';
import { toSafetensors } from '../src/safetensors/write.js';
import { decode, fixtures, readFixture } from './fixtures.js';

describe('safetensors files written by the PyTorch fixture script', () => {
  for (const model of fixtures.models) {
    it(`reads ${model.name}.safetensors exactly`, () => {
      const { tensors, metadata } = fromSafetensors(readFixture(`${model.name}.safetensors`));
      expect(Object.keys(tensors).sort()).toEqual([...model.keys].sort());
      for (const key of model.keys) {
        const expected = decode(model.stateDict[key]!);
        expect(tensors[key]!.dtype).toBe(model.dtype);
        expect(tensors[key]!.shape).toEqual(expected.shape);
        expect(Array.from(tensors[key]!.data)).toEqual(Array.from(expected.data));
      }
      expect({ ...metadata }).toEqual({ format: 'pt', model: model.name });
    });
  }

  it('reads mixed.safetensors: F64, F32, I32, a 0-d and an empty tensor, unicode metadata', () => {
    const { tensors, metadata } = fromSafetensors(readFixture('mixed.safetensors'));
    expect({ ...metadata }).toEqual(fixtures.mixed.metadata);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(fixtures.mixed.tensors).sort());
    for (const [name, encoded] of Object.entries(fixtures.mixed.tensors)) {
      const t = tensors[name]!;
      expect(t.dtype).toBe(encoded.dtype);
      expect(t.shape).toEqual(encoded.shape);
      expect(Array.from(t.data)).toEqual(encoded.data);
    }
  });

  it('writes the PyTorch-side files back byte for byte, as the reference writer lays them out', () => {
    // Same tensor order (by dtype, then name), same compact JSON with raw UTF-8, same space
    // padding: identical bytes.
    for (const name of [
      'mixed.safetensors',
      ...fixtures.models.map((m) => `${m.name}.safetensors`),
    ]) {
      const bytes = readFixture(name);
      const { tensors, metadata } = fromSafetensors(bytes);
      expect(toSafetensors(tensors, metadata)).toEqual(bytes);
    }
  });
});
