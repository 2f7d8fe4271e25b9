// What a model file says about itself, in its safetensors `__metadata__` (string → string, so
// each part is a JSON string under its own key): the architecture to rebuild, the input and its
// normalisation, the classes, and how it was trained. `eval` and `predict` need nothing else.
import type { ActivationName } from '@nabla/nn';
import type { DataKind } from '../data/catalog.js';
import type { Normalization } from '../data/normalize.js';
import { CliError } from '../errors.js';

export const MODEL_FORMAT = 'nabla.cli.model';
export const MODEL_VERSION = 1;

export const ACTIVATIONS: readonly ActivationName[] = [
  'relu',
  'leakyRelu',
  'tanh',
  'sigmoid',
  'gelu',
  'identity',
];

export interface Architecture {
  readonly type: 'mlp';
  /** Layer sizes from inputs to classes: [784, 256, 128, 10]. */
  readonly sizes: readonly number[];
  readonly activation: ActivationName;
  readonly dropout: number;
}

export interface InputSpec {
  readonly kind: DataKind;
  readonly features: number;
  readonly imageShape: readonly [number, number] | null;
  readonly featureNames: readonly string[] | null;
}

export interface DataInfo {
  /** The data set it was trained on (a catalog name or a path). */
  readonly name: string;
  readonly classes: readonly string[];
  /** How it was read: the toy sets' noise, a CSV file's label column. */
  readonly noise: number;
  readonly labelColumn: string | null;
}

/** The model's description, as stored. `training` is informative; nothing reads it back. */
export interface ModelInfo {
  readonly architecture: Architecture;
  readonly input: InputSpec;
  readonly normalization: Normalization;
  readonly data: DataInfo;
  readonly training: Readonly<Record<string, unknown>>;
}

const KEYS = {
  format: 'nabla.format',
  architecture: 'nabla.architecture',
  input: 'nabla.input',
  normalization: 'nabla.normalization',
  data: 'nabla.data',
  training: 'nabla.training',
} as const;

export function encodeModelInfo(info: ModelInfo): Record<string, string> {
  return {
    [KEYS.format]: `${MODEL_FORMAT}/${MODEL_VERSION}`,
    [KEYS.architecture]: JSON.stringify(info.architecture),
    [KEYS.input]: JSON.stringify(info.input),
    [KEYS.normalization]: JSON.stringify(info.normalization),
    [KEYS.data]: JSON.stringify(info.data),
    [KEYS.training]: JSON.stringify(info.training),
  };
}

/** Reads and checks the metadata of `file`; every defect is a CliError naming the file. */
export function decodeModelInfo(
  metadata: Readonly<Record<string, string>>,
  file: string,
): ModelInfo {
  const fail = (what: string) => new CliError(`${file}: ${what}`);
  const format = metadata[KEYS.format];
  if (format === undefined) {
    if (metadata['nabla.train.checkpoint'] !== undefined) {
      throw fail(
        `is a training checkpoint, not a model; continue it with: nabla train --resume ${file}`,
      );
    }
    throw fail(
      `is a safetensors file but not a model written by nabla train (its metadata has no "${KEYS.format}")`,
    );
  }
  if (format !== `${MODEL_FORMAT}/${MODEL_VERSION}`) {
    throw fail(`has format "${format}"; this nabla reads "${MODEL_FORMAT}/${MODEL_VERSION}"`);
  }
  const parse = (key: string): Record<string, unknown> => {
    const text = metadata[key];
    if (text === undefined) throw fail(`its metadata has no "${key}"`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw fail(`its metadata "${key}" is not valid JSON`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw fail(`its metadata "${key}" is not a JSON object`);
    }
    return value as Record<string, unknown>;
  };
  const bad = (key: string, what: string) => fail(`its metadata "${key}" ${what}`);

  const a = parse(KEYS.architecture);
  const sizes = a.sizes;
  if (a.type !== 'mlp') throw bad(KEYS.architecture, 'is not an MLP');
  if (!isIntegerList(sizes, 1) || sizes.length < 2) {
    throw bad(KEYS.architecture, 'has no valid layer sizes');
  }
  if (typeof a.activation !== 'string' || !ACTIVATIONS.includes(a.activation as ActivationName)) {
    throw bad(KEYS.architecture, `names an unknown activation ${JSON.stringify(a.activation)}`);
  }
  if (typeof a.dropout !== 'number' || !(a.dropout >= 0 && a.dropout < 1)) {
    throw bad(KEYS.architecture, 'has a dropout outside [0, 1)');
  }
  const architecture: Architecture = {
    type: 'mlp',
    sizes,
    activation: a.activation as ActivationName,
    dropout: a.dropout,
  };

  const i = parse(KEYS.input);
  if (i.kind !== 'image' && i.kind !== 'points' && i.kind !== 'table') {
    throw bad(KEYS.input, 'has an unknown kind');
  }
  if (i.features !== sizes[0]) {
    throw bad(
      KEYS.input,
      `says ${String(i.features)} features but the first layer takes ${sizes[0]}`,
    );
  }
  const imageShape = i.imageShape ?? null;
  if (
    imageShape !== null &&
    (!isIntegerList(imageShape, 1) ||
      imageShape.length !== 2 ||
      imageShape[0]! * imageShape[1]! !== sizes[0])
  ) {
    throw bad(KEYS.input, 'has an image shape that does not match the input size');
  }
  const featureNames = i.featureNames ?? null;
  if (featureNames !== null && !isStringList(featureNames)) {
    throw bad(KEYS.input, 'has invalid feature names');
  }
  const input: InputSpec = {
    kind: i.kind,
    features: sizes[0]!,
    imageShape: imageShape as [number, number] | null,
    featureNames,
  };

  const n = parse(KEYS.normalization);
  const okStat = (v: unknown, positive: boolean): v is number[] =>
    Array.isArray(v) &&
    (v.length === 1 || v.length === sizes[0]) &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x) && (!positive || x > 0));
  if (!okStat(n.mean, false) || !okStat(n.std, true) || n.mean.length !== n.std.length) {
    throw bad(KEYS.normalization, 'is not { mean, std } with one entry or one per feature');
  }
  const normalization: Normalization = { mean: n.mean, std: n.std };

  const d = parse(KEYS.data);
  const classes = d.classes;
  if (typeof d.name !== 'string' || !isStringList(classes) || classes.length !== sizes.at(-1)) {
    throw bad(KEYS.data, 'does not list one class name per output');
  }
  const noise = typeof d.noise === 'number' && d.noise >= 0 && d.noise < 1 ? d.noise : 0;
  const labelColumn = typeof d.labelColumn === 'string' ? d.labelColumn : null;
  const training = metadata[KEYS.training] === undefined ? {} : parse(KEYS.training);
  return {
    architecture,
    input,
    normalization,
    data: { name: d.name, classes, noise, labelColumn },
    training,
  };
}

function isIntegerList(v: unknown, min: number): v is number[] {
  return Array.isArray(v) && v.every((x) => Number.isSafeInteger(x) && (x as number) >= min);
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
