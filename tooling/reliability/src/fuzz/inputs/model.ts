// Model files for the fuzzer, as `nabla train` writes them: an MLP's weights in safetensors with
// its description (architecture, input, normalisation, classes) in the metadata. Valid files
// from random architectures, then mutated at the byte level or in their metadata: hostile
// numbers in the layer sizes and statistics, sizes far beyond the weights present (a small
// file declaring a gigantic network), prototype keys, deep and enormous JSON, missing parts.
import { toSafetensors } from '@nabla/nn';
import { Tensor } from '@nabla/tensor';
import fc from 'fast-check';
import { encodeModelInfo } from 'nabla/dist/model/spec.js';
import { hostileKey, hostileNumber, hostileValue, replaceNumbers } from '../hostile-json.js';
import { mutated, type Sample } from '../mutations.js';

const ACTIVATIONS = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'gelu', 'identity'] as const;

interface Model {
  readonly sizes: number[];
  readonly dropout: number;
  readonly metadata: Record<string, string>;
}

const model: fc.Arbitrary<Model> = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }),
    activation: fc.constantFrom(...ACTIVATIONS),
    dropout: fc.constantFrom(0, 0, 0.2),
    kind: fc.constantFrom('image', 'points', 'table'),
    perFeature: fc.boolean(),
    classNames: fc.array(fc.oneof(fc.string({ maxLength: 4 }), hostileKey), {
      minLength: 6,
      maxLength: 6,
    }),
  })
  .map(({ sizes, activation, dropout, kind, perFeature, classNames }) => {
    const features = sizes[0]!;
    const stats = perFeature ? features : 1;
    const metadata = encodeModelInfo({
      architecture: { type: 'mlp', sizes, activation, dropout },
      input: {
        kind: kind as 'image' | 'points' | 'table',
        features,
        imageShape: kind === 'image' ? [1, features] : null,
        featureNames: kind === 'table' ? Array.from({ length: features }, (_, i) => `f${i}`) : null,
      },
      normalization: { mean: new Array(stats).fill(0.5), std: new Array(stats).fill(2) },
      data: {
        name: 'fuzz',
        classes: classNames.slice(0, sizes.at(-1)),
        noise: 0,
        labelColumn: null,
      },
      training: { epochs: 1 },
    });
    return { sizes, dropout, metadata };
  });

/** The weights `nabla train` saves for `sizes`: Sequential's keys, activations and dropouts between. */
function weights(sizes: readonly number[], dropout: number): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  let index = 0;
  for (let i = 1; i < sizes.length; i++) {
    const [inputs, outputs] = [sizes[i - 1]!, sizes[i]!];
    out.set(
      `${index}.weight`,
      new Tensor(new Float32Array(inputs * outputs).fill(0.1), [outputs, inputs]),
    );
    out.set(`${index}.bias`, new Tensor(new Float32Array(outputs), [outputs]));
    index += i === sizes.length - 1 ? 1 : dropout > 0 ? 3 : 2;
  }
  return out;
}

function file(sizes: readonly number[], dropout: number, metadata: Record<string, string>): Sample {
  const bytes = toSafetensors(weights(sizes, dropout), metadata);
  const headerEnd = 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true));
  return { bytes, boundaries: [0, 8, headerEnd, bytes.length] };
}

export const validModel: fc.Arbitrary<Sample> = model.map((m) =>
  file(m.sizes, m.dropout, m.metadata),
);

const KEYS = [
  'nabla.format',
  'nabla.architecture',
  'nabla.input',
  'nabla.normalization',
  'nabla.data',
  'nabla.training',
];

/** Valid weights under metadata with one part made hostile. */
const hostileMetadata = fc
  .record({
    m: model,
    key: fc.constantFrom(...KEYS, '__proto__', 'constructor'),
    how: fc.nat(3),
    value: hostileValue,
    picks: fc.array(fc.nat(8), { minLength: 1, maxLength: 3 }),
    tokens: fc.array(hostileNumber, { minLength: 1, maxLength: 3 }),
    huge: fc.constantFrom(
      '[2,100000,2]',
      '[2,30000,30000,2]',
      '[4294967296,2]',
      '[9007199254740991,1]',
      '[2,2147483647]',
    ),
  })
  .map(({ m, key, how, value, picks, tokens, huge }) => {
    // A dictionary without a prototype, so "__proto__" is a key like any other.
    const metadata: Record<string, string> = Object.assign(Object.create(null), m.metadata);
    if (how === 0) metadata[key] = value;
    else if (how === 1) metadata[key] = replaceNumbers(metadata[key] ?? '{"a":1}', picks, tokens);
    else if (how === 2) delete metadata[key];
    else {
      const a = JSON.parse(metadata['nabla.architecture']!);
      metadata['nabla.architecture'] = JSON.stringify({ ...a, sizes: JSON.parse(huge) });
    }
    return file(m.sizes, m.dropout, metadata).bytes;
  });

export const modelInputs: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 1, arbitrary: validModel.map((s) => s.bytes) },
  { weight: 3, arbitrary: mutated(validModel) },
  { weight: 3, arbitrary: hostileMetadata },
);
