import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { decodeModelInfo, encodeModelInfo, type ModelInfo } from '../../src/model/spec.js';

const info: ModelInfo = {
  architecture: { type: 'mlp', sizes: [4, 8, 3], activation: 'tanh', dropout: 0.1 },
  input: { kind: 'table', features: 4, imageShape: null, featureNames: ['a', 'b', 'c', 'd'] },
  normalization: { mean: [1, 2, 3, 4], std: [1, 1, 2, 2] },
  data: { name: 'iris.csv', classes: ['x', 'y', 'z'], noise: 0, labelColumn: 'species' },
  training: { epochs: 3 },
};

describe('model metadata', () => {
  it('round-trips', () => {
    expect(decodeModelInfo(encodeModelInfo(info), 'm')).toEqual(info);
  });

  it('names what is wrong', () => {
    const meta = encodeModelInfo(info);
    const broken = (key: string, value: string | undefined) => {
      const m = { ...meta };
      if (value === undefined) delete m[key];
      else m[key] = value;
      return () => decodeModelInfo(m, 'm.safetensors');
    };
    expect(broken('nabla.format', undefined)).toThrow(/not a model written by nabla train/);
    expect(broken('nabla.format', 'nabla.cli.model/9')).toThrow(/has format "nabla.cli.model\/9"/);
    expect(broken('nabla.architecture', '{"type":"mlp"')).toThrow(/is not valid JSON/);
    expect(
      broken(
        'nabla.architecture',
        '{"type":"mlp","sizes":[4,0,3],"activation":"tanh","dropout":0}',
      ),
    ).toThrow(/no valid layer sizes/);
    expect(broken('nabla.input', '{"kind":"table","features":5}')).toThrow(/says 5 features/);
    expect(broken('nabla.normalization', '{"mean":[0],"std":[0]}')).toThrow(CliError);
    expect(broken('nabla.data', '{"name":"x","classes":["a"]}')).toThrow(
      /one class name per output/,
    );
    expect(() => decodeModelInfo({ 'nabla.train.checkpoint': '{}' }, 'c.safetensors')).toThrow(
      /is a training checkpoint, not a model; continue it with: nabla train --resume c.safetensors/,
    );
  });
});
