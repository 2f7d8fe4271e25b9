// IDX files for the fuzzer: valid files written by encodeIdx from random dtypes, shapes and
// values, then mutated (the magic, the rank, each dimension, the data); hand-made headers whose
// dimensions promise far more than the file holds (products past 2^32 and 2^53); and the same
// wrapped in gzip, whole or with the gzip layer itself damaged.
import { encodeIdx } from '@nabla/datasets';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { concat, mutated, type Sample } from '../mutations.js';

const DTYPES = ['uint8', 'int8', 'int16', 'int32', 'float32', 'float64'] as const;

export const validIdx: fc.Arbitrary<Sample> = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    shape: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
    values: fc.array(fc.double({ noNaN: false }), { maxLength: 8 }),
  })
  .map(({ dtype, shape, values }) => {
    const count = shape.reduce((a, d) => a * d, 1);
    const integer = !dtype.startsWith('float');
    const data = Array.from({ length: count }, (_, i) => {
      const v = values.length === 0 ? i : values[i % values.length]!;
      return integer ? Math.trunc(Number.isFinite(v) ? v : 0) % 100 : v;
    });
    const bytes = encodeIdx({ dtype, shape, data });
    const start = 4 + 4 * shape.length;
    const dims = shape.map((_, i) => 4 + 4 * i);
    return { bytes, boundaries: [0, 2, 3, 4, ...dims, start, bytes.length] };
  });

/** A header whose dimensions lie about the data that follows. */
const lyingIdx = fc
  .record({
    code: fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x00, 0x0a, 0xff),
    dims: fc.array(
      fc.oneof(
        fc.nat(8),
        fc.constantFrom(0xffffffff, 0x80000000, 65536, 2 ** 26 + 1),
        fc.nat({ max: 0xffffffff }),
      ),
      { maxLength: 8 },
    ),
    rankLie: fc.integer({ min: -2, max: 2 }),
    data: fc.uint8Array({ maxLength: 64 }),
  })
  .map(({ code, dims, rankLie, data }) => {
    const header = new Uint8Array(4 + 4 * dims.length);
    const view = new DataView(header.buffer);
    header[2] = code;
    header[3] = Math.max(0, Math.min(255, dims.length + rankLie));
    dims.forEach((d, i) => {
      view.setUint32(4 + 4 * i, d, false);
    });
    return concat(header, data);
  });

export const idxInputs: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 1, arbitrary: validIdx.map((s) => s.bytes) },
  { weight: 4, arbitrary: mutated(validIdx) },
  { weight: 2, arbitrary: lyingIdx },
);

/** Gzip's own boundaries: the fixed header, the deflate data, the CRC-32 and length trailer. */
function gzipped(sample: Sample): Sample {
  const bytes = gzipSync(sample.bytes);
  const n = bytes.length;
  return { bytes, boundaries: [0, 2, 3, 4, 8, 10, n - 8, n - 4, n] };
}

export const idxGzipInputs: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 1, arbitrary: validIdx.map((s) => gzipped(s).bytes) },
  // IDX damage inside intact gzip: the inflated data is what is wrong.
  { weight: 3, arbitrary: idxInputs.map((bytes) => gzipSync(bytes)) },
  // Damage to the gzip layer itself.
  { weight: 3, arbitrary: mutated(validIdx.map(gzipped)) },
);
