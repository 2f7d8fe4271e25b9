import { allocate, type DType, Tensor, type TypedArray } from '@nabla/tensor';
import { SafetensorsError } from '../errors.js';
import { emptyDict, type Metadata, type StateDict } from '../state-dict.js';
import { BYTES_PER_ELEMENT, DTYPE_FROM_CODE, LITTLE_ENDIAN, OTHER_CODES } from './dtypes.js';
import { firstInvalidUtf8 } from './utf8.js';

const OP = 'fromSafetensors';

/** The reference implementation's limit: a header over 100 MB is refused before it is parsed. */
export const MAX_HEADER_BYTES = 100_000_000;

/** Nabla tensors hold at most 2^31 − 1 elements. */
const MAX_ELEMENTS = 2 ** 31 - 1;

export interface SafetensorsContents {
  /** The tensors by name, in header order (a null-prototype object: loadStateDict takes it). */
  tensors: StateDict;
  /** The header's `__metadata__` map, or an empty object. */
  metadata: Metadata;
}

export interface FromSafetensorsOptions {
  /** Refuse headers longer than this many bytes; default 100 MB, as the reference reader. */
  maxHeaderBytes?: number;
}

interface Entry {
  name: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Reads a safetensors file (see `toSafetensors` for the layout) written by Nabla, PyTorch or any
 * other writer, trusting nothing in it. Before a byte of tensor data is allocated, the reader
 * checks that the header length lies within the file and under `maxHeaderBytes`, that the header
 * is UTF-8 JSON describing an object, that every entry has a known dtype, a shape of
 * non-negative integers and in-bounds `data_offsets` whose size equals shape × element size, and
 * that the tensors tile the data region exactly: contiguous, non-overlapping, nothing left over.
 * Names such as `__proto__` are plain keys (the result has no prototype). Any violation throws a
 * `SafetensorsError` whose `offset` is the byte offset of the first problem.
 *
 * Reads F32, F64 and I32; other dtypes of the format (F16, BF16, I64, …) are refused by name.
 */
export function fromSafetensors(
  bytes: Uint8Array | ArrayBuffer,
  options: FromSafetensorsOptions = {},
): SafetensorsContents {
  const file = bytes instanceof Uint8Array ? bytes : toBytes(bytes);
  const maxHeader = options.maxHeaderBytes ?? MAX_HEADER_BYTES;
  const headerLength = readHeaderLength(file, maxHeader);
  const headerBytes = file.subarray(8, 8 + headerLength);
  const text = decodeHeader(headerBytes);
  const parsed = parseHeader(text);
  const locate = (key: string) => 8 + keyOffset(text, key);

  let metadata = emptyDict<string>();
  const entries: Entry[] = [];
  const dataLength = file.length - 8 - headerLength;
  for (const name of Object.keys(parsed)) {
    const value = parsed[name];
    if (name === '__metadata__') metadata = readMetadata(value, () => locate(name));
    else entries.push(readEntry(name, value, dataLength, locate));
  }
  checkTiling(entries, 8 + headerLength, dataLength, locate);

  const tensors = emptyDict<Tensor>();
  const dataStart = 8 + headerLength;
  for (const e of entries) {
    tensors[e.name] = new Tensor(
      decodeData(file, dataStart + e.begin, dataStart + e.end, e.dtype),
      e.shape,
    );
  }
  return { tensors, metadata };
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new SafetensorsError(OP, -1, 'expects the file as a Uint8Array or ArrayBuffer');
}

function readHeaderLength(file: Uint8Array, maxHeader: number): number {
  if (file.length < 8) {
    throw new SafetensorsError(
      OP,
      0,
      `the file has ${file.length} bytes, fewer than the 8-byte header length that starts every safetensors file`,
    );
  }
  const view = new DataView(file.buffer, file.byteOffset, 8);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const length = high * 2 ** 32 + low;
  if (high >= 2 ** 21 || length > maxHeader) {
    throw new SafetensorsError(
      OP,
      0,
      `the header length ${high >= 2 ** 21 ? 'field' : length} exceeds the limit of ${maxHeader} bytes; this is not a safetensors file or it is corrupt`,
    );
  }
  if (8 + length > file.length) {
    throw new SafetensorsError(
      OP,
      0,
      `the header length ${length} runs past the end of the ${file.length}-byte file (truncated?)`,
    );
  }
  if (length < 2) {
    throw new SafetensorsError(OP, 0, `a header of ${length} bytes cannot hold a JSON object`);
  }
  return length;
}

function decodeHeader(header: Uint8Array): string {
  const bad = firstInvalidUtf8(header);
  if (bad !== -1) throw new SafetensorsError(OP, 8 + bad, 'the header is not valid UTF-8');
  // The reference reader insists the JSON object starts the header (no leading whitespace).
  if (header[0] !== 0x7b) {
    throw new SafetensorsError(OP, 8, 'the header must start with "{" (a JSON object)');
  }
  return new TextDecoder('utf-8').decode(header);
}

function parseHeader(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    // JSON.parse defines "__proto__" as an own data property; it never sets a prototype.
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const at = position ? byteLength(text.slice(0, Number(position[1]))) : 0;
    throw new SafetensorsError(OP, 8 + at, `the header is not valid JSON (${message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SafetensorsError(OP, 8, 'the header must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function readMetadata(value: unknown, at: () => number): Metadata {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SafetensorsError(OP, at(), '__metadata__ must be an object of strings');
  }
  const out = emptyDict<string>();
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v !== 'string') {
      throw new SafetensorsError(
        OP,
        at(),
        `__metadata__ value for ${show(key)} is ${kind(v)}; metadata values are strings`,
      );
    }
    out[key] = v;
  }
  return out;
}

const ENTRY_FIELDS = new Set(['dtype', 'shape', 'data_offsets']);

function readEntry(
  name: string,
  value: unknown,
  dataLength: number,
  locate: (key: string) => number,
): Entry {
  const fail = (message: string): never => {
    throw new SafetensorsError(OP, locate(name), `tensor ${show(name)}: ${message}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`the entry is ${kind(value)}, not an object with dtype, shape and data_offsets`);
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!ENTRY_FIELDS.has(key)) fail(`unknown field ${show(key)}`);
  }
  const code = fields.dtype;
  if (typeof code !== 'string') return fail(`dtype is ${kind(code)}, not a string`);
  const dtype = DTYPE_FROM_CODE.get(code);
  if (dtype === undefined) {
    return fail(
      OTHER_CODES.has(code)
        ? `dtype ${code} is not supported; Nabla reads F32, F64 and I32 (convert in PyTorch with .float() or .double())`
        : `unknown dtype ${show(code)}`,
    );
  }
  const shape = fields.shape;
  if (!Array.isArray(shape)) return fail(`shape is ${kind(shape)}, not an array`);
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      fail(`shape ${showShape(shape)} has a dimension that is not a non-negative integer`);
    }
  }
  const offsets = fields.data_offsets;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => typeof o === 'number' && Number.isSafeInteger(o) && o >= 0)
  ) {
    return fail('data_offsets must be two non-negative integers [begin, end]');
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) fail(`data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataLength) {
    fail(`data_offsets [${begin}, ${end}] run past the ${dataLength}-byte data region`);
  }
  // The element count is multiplied out with a bound, so a declared shape like [2^60, 2^60]
  // is refused without overflow and without allocating anything.
  const bytesPer = BYTES_PER_ELEMENT[dtype];
  let elements = shape.includes(0) ? 0 : 1;
  for (const d of shape as number[]) {
    if (elements === 0 || elements > MAX_ELEMENTS) break;
    elements *= d;
  }
  if (elements > MAX_ELEMENTS) {
    fail(
      `shape ${showShape(shape)} has more than 2^31 - 1 elements, more than a Nabla tensor holds`,
    );
  }
  if (elements * bytesPer !== end - begin) {
    fail(
      `shape ${showShape(shape)} of ${code} needs ${elements * bytesPer} bytes (${elements} elements of ${bytesPer}) but data_offsets [${begin}, ${end}] hold ${end - begin}`,
    );
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

/** The tensors must cover the data region exactly once: sorted by offset, each begins where the last ended. */
function checkTiling(
  entries: readonly Entry[],
  dataStart: number,
  dataLength: number,
  locate: (key: string) => number,
): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of sorted) {
    if (e.begin > covered) {
      throw new SafetensorsError(
        OP,
        dataStart + covered,
        `bytes ${covered}..${e.begin} of the data region belong to no tensor (a gap before ${show(e.name)})`,
      );
    }
    if (e.begin < covered) {
      throw new SafetensorsError(
        OP,
        locate(e.name),
        `tensor ${show(e.name)} at data_offsets [${e.begin}, ${e.end}] overlaps the tensor before it (which ends at ${covered})`,
      );
    }
    covered = e.end;
  }
  if (covered !== dataLength) {
    throw new SafetensorsError(
      OP,
      dataStart + covered,
      `the tensors end at byte ${covered} of the data region but it has ${dataLength} bytes (trailing data?)`,
    );
  }
}

/** A fresh, aligned typed array: the source offset may not be a multiple of the element size. */
function decodeData(file: Uint8Array, start: number, end: number, dtype: DType): TypedArray {
  const bytesPer = BYTES_PER_ELEMENT[dtype];
  const out = allocate(dtype, (end - start) / bytesPer);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(file.subarray(start, end));
    return out;
  }
  const view = new DataView(file.buffer, file.byteOffset + start, end - start);
  for (let i = 0; i < out.length; i++) {
    if (dtype === 'float64') out[i] = view.getFloat64(i * 8, true);
    else if (dtype === 'float32') out[i] = view.getFloat32(i * 4, true);
    else out[i] = view.getInt32(i * 4, true);
  }
  return out;
}

/** Byte offset in the header of a key's first occurrence as an object key, for error messages. */
function keyOffset(text: string, key: string): number {
  const needle = JSON.stringify(key);
  let from = 0;
  for (;;) {
    const i = text.indexOf(needle, from);
    if (i === -1) return 0;
    let j = i + needle.length;
    while (text[j] === ' ' || text[j] === '\n' || text[j] === '\r' || text[j] === '\t') j++;
    if (text[j] === ':') return byteLength(text.slice(0, i));
    from = i + 1;
  }
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** A name for messages, cut short: a hostile header can hold a 100 MB key. */
function show(s: string): string {
  const q = JSON.stringify(s);
  return q.length > 80 ? `${q.slice(0, 77)}…"` : q;
}

/** A shape for messages, cut short: a hostile header can declare a million dimensions. */
function showShape(shape: readonly unknown[]): string {
  const shown = shape.slice(0, 8).map((d) => show(String(d)).slice(1, -1));
  return shape.length > 8
    ? `[${shown.join(',')},… ${shape.length} dimensions]`
    : `[${shown.join(',')}]`;
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${show(String(v))}`;
}
