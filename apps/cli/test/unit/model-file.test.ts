import { toSafetensors } from '@nabla/nn';
import { Tensor } from '@nabla/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { buildModel } from '../../src/model/build.js';
import { decodeModelFile } from '../../src/model/file.js';
import { encodeModelInfo, type ModelInfo } from '../../src/model/spec.js';

const info: ModelInfo = {
  architecture: { type: 'mlp', sizes: [3, 5, 2], activation: 'tanh', dropout: 0 },
  input: { kind: 'table', features: 3, imageShape: null, featureNames: ['a', 'b', 'c'] },
  normalization: { mean: [0, 0, 0], std: [1, 1, 1] },
  data: { name: 'points.csv', classes: ['no', 'yes'], noise: 0, labelColumn: 'label' },
  training: {},
};

/** A model file for `info` whose weights are the seeded model's, with `poison` applied. */
function modelBytes(poison?: (weights: Record<string, Tensor>) => void): Uint8Array {
  const weights: Record<string, Tensor> = {};
  for (const [key, value] of Object.entries(buildModel(info.architecture, 7).model.stateDict())) {
    weights[key] = new Tensor(Float32Array.from(value.data), value.shape);
  }
  poison?.(weights);
  return toSafetensors(weights, encodeModelInfo(info));
}

describe('decodeModelFile', () => {
  it('rebuilds a model from finite weights', () => {
    const { model } = decodeModelFile(modelBytes(), 'm.safetensors');
    expect(Object.keys(model.stateDict())).toEqual(
      Object.keys(buildModel(info.architecture, 0).model.stateDict()),
    );
  });

  it('refuses a NaN or Infinity weight, naming its tensor and index', () => {
    const keys = Object.keys(buildModel(info.architecture, 0).model.stateDict());
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.nat(),
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        (key, at, bad) => {
          let where = '';
          const bytes = modelBytes((weights) => {
            const tensor = weights[key]!;
            const flat = at % tensor.size;
            (tensor.data as Float32Array)[flat] = bad;
            where =
              tensor.shape.length === 2
                ? `${Math.floor(flat / tensor.shape[1]!)}, ${flat % tensor.shape[1]!}`
                : `${flat}`;
          });
          expect(() => decodeModelFile(bytes, 'm.safetensors')).toThrowError(CliError);
          expect(() => decodeModelFile(bytes, 'm.safetensors')).toThrow(
            `m.safetensors: weight ${key}[${where}] is ${bad}`,
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
