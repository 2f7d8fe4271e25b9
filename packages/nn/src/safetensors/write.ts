import { ArgumentError, Tensor } from '@nabla/tensor';
import { emptyDict, entriesOf, type Metadata, type StateDictLike } from '../state-dict.js';
import { DTYPE_ORDER, LITTLE_ENDIAN, SAFETENSORS_DTYPE } from './dtypes.js';

const OP = 'toSafetensors';

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/**
 * Serialises tensors in the safetensors format (https://github.com/huggingface/safetensors), so
 * a Nabla state dict loads in PyTorch (`safetensors.torch.load_file`) and back:
 *
 * - 8 bytes: the header length N, a little-endian u64;
 * - N bytes: a JSON object `{ name: { dtype, shape, data_offsets: [begin, end] }, … }` with an
 *   optional `__metadata__` string-to-string map, padded with spaces to a multiple of 8 bytes
 *   (as the reference writer does, so the data starts 8-aligned);
 * - the tensors' bytes, little-endian, back to back with no gaps, offsets relative to the data.
 *
 * Tensors are laid out as the reference writer lays them out: by dtype, widest first (F64, F32,
 * I32, so every tensor's data is aligned), then by name in byte order. The same tensors and
 * metadata therefore give the same bytes from Nabla and from Python's `safetensors.save_file`
 * (metadata keys in the order given; the reference writer's own metadata order is unspecified).
 */
export function toSafetensors(stateDict: StateDictLike, metadata?: Metadata): Uint8Array {
  const entries = entriesOf(OP, stateDict).map(([name, value]) => {
    if (!(value instanceof Tensor)) {
      throw new ArgumentError(OP, `${JSON.stringify(name)} is not a Tensor`);
    }
    if (name === '__metadata__') {
      throw new ArgumentError(
        OP,
        'a tensor cannot be named "__metadata__": the format reserves it',
      );
    }
    return { name, tensor: value };
  });
  entries.sort(
    (a, b) =>
      DTYPE_ORDER[b.tensor.dtype] - DTYPE_ORDER[a.tensor.dtype] ||
      compareCodePoints(a.name, b.name),
  );

  const header = emptyDict<HeaderEntry | Metadata>();
  if (metadata !== undefined) header.__metadata__ = checkMetadata(metadata);
  let offset = 0;
  for (const { name, tensor } of entries) {
    const begin = offset;
    offset += tensor.data.byteLength;
    header[name] = {
      dtype: SAFETENSORS_DTYPE[tensor.dtype],
      shape: [...tensor.shape],
      data_offsets: [begin, offset],
    };
  }

  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const { tensor } of entries) {
    writeLittleEndian(tensor, out, at);
    at += tensor.data.byteLength;
  }
  return out;
}

function checkMetadata(metadata: Metadata): Metadata {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new ArgumentError(OP, 'metadata must be an object of string values');
  }
  const out = emptyDict<string>();
  for (const key of Object.keys(metadata)) {
    const value = metadata[key];
    if (typeof value !== 'string') {
      throw new ArgumentError(
        OP,
        `metadata value for ${JSON.stringify(key)} is ${typeof value}; the format stores strings only (JSON.stringify it)`,
      );
    }
    out[key] = value;
  }
  return out;
}

function writeLittleEndian(tensor: Tensor, out: Uint8Array, at: number): void {
  const { data } = tensor;
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + at, data.byteLength);
  for (let i = 0; i < data.length; i++) {
    if (tensor.dtype === 'float64') view.setFloat64(i * 8, data[i]!, true);
    else if (tensor.dtype === 'float32') view.setFloat32(i * 4, data[i]!, true);
    else view.setInt32(i * 4, data[i]!, true);
  }
}

/** Code point order, which is UTF-8 byte order (Rust's `str` ordering); `<` compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
