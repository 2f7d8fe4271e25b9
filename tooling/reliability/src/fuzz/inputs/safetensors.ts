// Safetensors files for the fuzzer: valid files written by toSafetensors from random tensors
// (dtypes, shapes, names, metadata), then mutated; and headers written by hand that lie: huge
// or overflowing shapes, negative, overlapping, unsorted and out-of-range offsets, unknown
// dtypes, prototype keys, hostile numbers, deep and enormous JSON, header lengths that lie.
import { toSafetensors } from '@nabla/nn';
import { Tensor } from '@nabla/tensor';
import fc from 'fast-check';
import { hostileKey, hostileNumber, hostileValue, replaceNumbers } from '../hostile-json.js';
import { concat, mutated, type Sample } from '../mutations.js';

const DTYPES = ['float32', 'float64', 'int32'] as const;
const CODES = ['F32', 'F64', 'I32', 'F16', 'BF16', 'I64', 'U8', 'BOOL', 'f32', 'F33', ''];

const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
const name = fc.oneof(
  fc.string({ maxLength: 12 }),
  hostileKey,
  fc.constantFrom('0.weight', '0.bias'),
);

const tensor = fc
  .record({ dtype: fc.constantFrom(...DTYPES), shape, seed: fc.nat() })
  .map(({ dtype, shape, seed }) => {
    const size = shape.reduce((a, d) => a * d, 1);
    const data =
      dtype === 'float64'
        ? new Float64Array(size)
        : dtype === 'int32'
          ? new Int32Array(size)
          : new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = ((seed + i * 7919) % 1000) - 500;
    return new Tensor(data, shape);
  });

/** Valid files, with their boundaries: the length field, the header, each tensor's data. */
export const validSafetensors: fc.Arbitrary<Sample> = fc
  .record({
    tensors: fc.dictionary(
      name.filter((n) => n !== '__metadata__'),
      tensor,
      { maxKeys: 4 },
    ),
    metadata: fc.option(
      fc.dictionary(
        fc.oneof(fc.string({ maxLength: 8 }), hostileKey),
        fc.string({ maxLength: 8 }),
        { maxKeys: 3 },
      ),
      { nil: undefined },
    ),
  })
  .map(({ tensors, metadata }) => {
    const dict = new Map(Object.entries(tensors));
    const bytes = toSafetensors(dict, metadata);
    const headerEnd = 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, headerEnd)));
    const ends = Object.values(header as Record<string, { data_offsets?: number[] }>).flatMap(
      (entry) => (entry.data_offsets ? [headerEnd + entry.data_offsets[1]!] : []),
    );
    return { bytes, boundaries: [0, 8, 9, headerEnd, ...ends] };
  });

/** A header entry whose fields may each be hostile. */
const lyingEntry = fc
  .record({
    dtype: fc.oneof(
      fc.constantFrom(...CODES).map((c) => JSON.stringify(c)),
      hostileValue,
    ),
    shape: fc.oneof(
      fc
        .array(fc.oneof(fc.nat(6).map(String), hostileNumber), { maxLength: 4 })
        .map((d) => `[${d.join(',')}]`),
      fc.constantFrom(
        '[2147483648]',
        '[65536,65536]',
        '[4294967296,4294967296,4294967296]',
        '[9007199254740992,2]',
        '[0,9007199254740993]',
        '[1e300,1e300]',
      ),
      hostileValue,
    ),
    offsets: fc.oneof(
      fc.tuple(fc.nat(64), fc.nat(64)).map(([a, b]) => `[${a},${b}]`),
      fc.tuple(hostileNumber, hostileNumber).map(([a, b]) => `[${a},${b}]`),
      fc.constantFrom('[-4,0]', '[0,-4]', '[8,4]', '[0]', '[0,4,8]', '[]', '[0,9007199254740993]'),
      hostileValue,
    ),
    extra: fc.option(fc.tuple(hostileKey, hostileValue), { nil: undefined }),
  })
  .map(({ dtype, shape, offsets, extra }) => {
    const fields = [`"dtype":${dtype}`, `"shape":${shape}`, `"data_offsets":${offsets}`];
    if (extra) fields.push(`${JSON.stringify(extra[0])}:${extra[1]}`);
    return `{${fields.join(',')}}`;
  });

/** A header length field that tells the truth or lies in either direction. */
const lengthField = fc.oneof(
  fc.constant(0), // the true length
  fc.integer({ min: -16, max: 16 }),
  fc.constantFrom(2 ** 31, 2 ** 32, 2 ** 53, 100_000_001),
);

const lyingHeader = fc
  .record({
    entries: fc.array(fc.tuple(fc.oneof(name, hostileKey), lyingEntry), { maxLength: 4 }),
    metadata: fc.option(hostileValue, { nil: undefined }),
    whole: fc.option(hostileValue, { freq: 4, nil: undefined }),
    lead: fc.constantFrom('', '', '', ' ', '\ufeff', '\r\n'),
    lie: lengthField,
    data: fc.uint8Array({ maxLength: 96 }),
  })
  .map(({ entries, metadata, whole, lead, lie, data }) => {
    const parts = entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`);
    if (metadata !== undefined) parts.unshift(`"__metadata__":${metadata}`);
    const text = lead + (whole ?? `{${parts.join(',')}}`);
    const header = new TextEncoder().encode(text);
    const length = new Uint8Array(8);
    const declared = lie >= 2 ** 31 ? lie : Math.max(0, header.length + lie);
    new DataView(length.buffer).setBigUint64(0, BigInt(declared), true);
    return concat(length, header, data);
  });

/** Valid files whose header has hostile numbers swapped in for some of its own. */
const hostileNumbers = fc
  .record({
    sample: validSafetensors,
    picks: fc.array(fc.nat(12), { minLength: 1, maxLength: 3 }),
    tokens: fc.array(hostileNumber, { minLength: 1, maxLength: 3 }),
  })
  .map(({ sample, picks, tokens }) => {
    const end = sample.boundaries[3]!;
    const text = new TextDecoder().decode(sample.bytes.subarray(8, end));
    const header = new TextEncoder().encode(replaceNumbers(text, picks, tokens));
    const length = new Uint8Array(8);
    new DataView(length.buffer).setBigUint64(0, BigInt(header.length), true);
    return concat(length, header, sample.bytes.subarray(end));
  });

export const safetensorsInputs: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 1, arbitrary: validSafetensors.map((s) => s.bytes) },
  { weight: 4, arbitrary: mutated(validSafetensors) },
  { weight: 3, arbitrary: lyingHeader },
  { weight: 2, arbitrary: hostileNumbers },
);
