// Checkpoints as bytes: one safetensors file (so the tensors are raw little-endian data, and a
// PyTorch user can open it) whose `__metadata__` holds the rest as JSON, with each tensor
// replaced by a reference to its name and each non-finite number (and -0) spelled out, since
// JSON has neither. Browser-safe: the playground can keep checkpoints in IndexedDB.
import {
  findNonFinite,
  fromSafetensors,
  NonFiniteWeightError,
  type StateDict,
  toSafetensors,
} from '@nabla/nn';
import { ArgumentError, Tensor } from '@nabla/tensor';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type TrainingCheckpoint } from './checkpoint.js';

const KEY = 'nabla.train.checkpoint';

/**
 * A checkpoint as the bytes of a safetensors file. Tensors holding NaN or ±Infinity (weights,
 * optimizer moments or saved best weights of a diverged run) are refused with a
 * `NonFiniteWeightError` naming the tensor's path and the index: such a state cannot be resumed.
 */
export function encodeCheckpoint(checkpoint: TrainingCheckpoint): Uint8Array {
  checkFormat('encodeCheckpoint', checkpoint);
  const tensors: StateDict = Object.create(null) as StateDict;
  const json = JSON.stringify(pack(checkpoint, '', tensors));
  const bad = findNonFinite(tensors);
  if (bad !== null) {
    throw new NonFiniteWeightError(
      'encodeCheckpoint',
      bad,
      'the run diverged and its state is not saved (an existing checkpoint file is left as it was)',
    );
  }
  return toSafetensors(tensors, { [KEY]: json });
}

/** Reads bytes written by `encodeCheckpoint` back into a checkpoint. */
export function decodeCheckpoint(bytes: Uint8Array): TrainingCheckpoint {
  const op = 'decodeCheckpoint';
  const { tensors, metadata } = fromSafetensors(bytes);
  const json = metadata[KEY];
  if (json === undefined) {
    throw new ArgumentError(
      op,
      `not a training checkpoint: the safetensors metadata has no '${KEY}' (a model file? load it with loadModel)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArgumentError(op, `the checkpoint state in '${KEY}' is not valid JSON (${reason})`);
  }
  const checkpoint = unpack(parsed, tensors, 0) as TrainingCheckpoint;
  checkFormat(op, checkpoint);
  return checkpoint;
}

/** Throws unless `value` looks like a checkpoint of a version this code reads. */
export function checkFormat(op: string, value: unknown): asserts value is TrainingCheckpoint {
  const c = value as Partial<TrainingCheckpoint> | null;
  if (c === null || typeof c !== 'object' || c.format !== CHECKPOINT_FORMAT) {
    throw new ArgumentError(op, 'expects a training checkpoint, as ctx.checkpoint() returns');
  }
  if (c.version !== CHECKPOINT_VERSION) {
    throw new ArgumentError(
      op,
      `checkpoint version ${String(c.version)} is not supported; this @nabla/train reads version ${CHECKPOINT_VERSION}`,
    );
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function pack(value: unknown, path: string, tensors: StateDict): Json {
  if (value instanceof Tensor) {
    tensors[path] = value;
    return { $tensor: path };
  }
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return { $number: '-0' };
    return Number.isFinite(value) ? value : { $number: String(value) };
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v, i) => pack(v, `${path}/${i}`, tensors));
  if (typeof value === 'object' && isPlain(value)) {
    const out: { [key: string]: Json } = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined) define(out, key, pack(v, `${path}/${key}`, tensors));
    }
    return out;
  }
  throw new ArgumentError(
    'encodeCheckpoint',
    `cannot store ${typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value} at ${path || '/'}: checkpoint states hold plain data and Tensors`,
  );
}

/**
 * A checkpoint's state is a few levels deep (optimizer state, callbacks, history); a file nested
 * far deeper is damaged or hostile, and recursing through it would overflow the stack.
 */
const MAX_DEPTH = 64;

function unpack(value: unknown, tensors: StateDict, depth: number): unknown {
  if (depth > MAX_DEPTH) {
    throw new ArgumentError(
      'decodeCheckpoint',
      `the checkpoint state is nested deeper than ${MAX_DEPTH} levels; the file is damaged`,
    );
  }
  if (Array.isArray(value)) return value.map((v) => unpack(v, tensors, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o.$tensor === 'string') {
    const t = tensors[o.$tensor];
    if (t === undefined) {
      throw new ArgumentError('decodeCheckpoint', `tensor '${o.$tensor}' is missing from the file`);
    }
    return t;
  }
  if (keys.length === 1 && typeof o.$number === 'string') return Number(o.$number);
  const out: Record<string, unknown> = {};
  for (const key of keys) define(out, key, unpack(o[key], tensors, depth + 1));
  return out;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** Sets an own property, also for the key `__proto__` (which plain assignment would not). */
function define<T>(out: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
