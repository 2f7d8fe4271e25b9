// Byte-level mutations of valid files, as fast-check arbitraries: bit flips, interesting bytes
// and words (lengths and counts that lie), truncation, extension with junk, insertion,
// deletion and duplication. Structure-aware where it matters: each valid file comes with the
// offsets of its structure's boundaries (end of a length field, of the header, of each
// tensor), and cuts and overwrites land on and around them far more often than by chance.
import fc from 'fast-check';

export interface Sample {
  readonly bytes: Uint8Array;
  /** Offsets where one part of the format ends and the next begins. */
  readonly boundaries: readonly number[];
}

type Mutation = (sample: Sample) => Uint8Array;

/** Where a mutation lands: on a boundary (give or take a byte), or anywhere. */
const place = fc.oneof(
  fc.record({ boundary: fc.nat(), nudge: fc.integer({ min: -2, max: 2 }) }),
  fc.record({ anywhere: fc.nat() }),
);
type Place = typeof place extends fc.Arbitrary<infer T> ? T : never;

function at(sample: Sample, p: Place, limit: number): number {
  if ('anywhere' in p) return limit === 0 ? 0 : p.anywhere % (limit + 1);
  const { boundaries } = sample;
  if (boundaries.length === 0) return 0;
  const b = boundaries[p.boundary % boundaries.length]! + p.nudge;
  return Math.max(0, Math.min(limit, b));
}

/** Integers that make length fields and counts lie. */
const INTERESTING = [
  0,
  1,
  2,
  7,
  8,
  0x7f,
  0x80,
  0xff,
  0x100,
  0x7fff,
  0xffff,
  0x7fffffff,
  0x80000000,
  0xffffffff,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 63,
  2 ** 64 - 1,
];

const word = fc.record({
  where: place,
  width: fc.constantFrom(1, 2, 4, 8),
  littleEndian: fc.boolean(),
  value: fc.oneof(fc.constantFrom(...INTERESTING), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
});

const junk = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
  fc.constantFrom(
    new Uint8Array([0xef, 0xbb, 0xbf]), // a UTF-8 byte-order mark
    new Uint8Array([0xff, 0xfe]), // a UTF-16 one
    new Uint8Array([0x0d, 0x0a]),
    new Uint8Array([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8]), // overlong, surrogate, invalid lead
    new Uint8Array(1024),
  ),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .array(fc.record({ where: place, bit: fc.nat(7) }), { minLength: 1, maxLength: 8 })
    .map((flips) => (s: Sample) => {
      const out = s.bytes.slice();
      for (const f of flips) {
        if (out.length > 0) out[at(s, f.where, out.length - 1)]! ^= 1 << f.bit;
      }
      return out;
    }),
  word.map((w) => (s: Sample) => {
    const out = s.bytes.slice();
    const i = at(s, w.where, out.length);
    const value = BigInt(w.value) & ((1n << BigInt(8 * w.width)) - 1n);
    for (let k = 0; k < w.width && i + k < out.length; k++) {
      const shift = BigInt(8 * (w.littleEndian ? k : w.width - 1 - k));
      out[i + k] = Number((value >> shift) & 0xffn);
    }
    return out;
  }),
  place.map((p) => (s: Sample) => s.bytes.slice(0, at(s, p, s.bytes.length))),
  junk.map((j) => (s: Sample) => concat(s.bytes, j)),
  fc.record({ where: place, j: junk }).map(({ where, j }) => (s: Sample) => {
    const i = at(s, where, s.bytes.length);
    return concat(s.bytes.subarray(0, i), j, s.bytes.subarray(i));
  }),
  fc
    .record({ where: place, length: fc.integer({ min: 1, max: 64 }) })
    .map(({ where, length }) => (s: Sample) => {
      const i = at(s, where, s.bytes.length);
      return concat(s.bytes.subarray(0, i), s.bytes.subarray(i + length));
    }),
  fc
    .record({ where: place, length: fc.integer({ min: 1, max: 256 }) })
    .map(({ where, length }) => (s: Sample) => {
      const i = at(s, where, s.bytes.length);
      return concat(s.bytes.subarray(0, i + length), s.bytes.subarray(i));
    }),
  fc.constant(() => new Uint8Array(0)),
);

/** Valid files from `samples`, each hit by one to four mutations. */
export function mutated(samples: fc.Arbitrary<Sample>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(samples, fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([sample, mutations]) =>
      mutations.reduce(
        (bytes, m) => m({ bytes, boundaries: sample.boundaries.filter((b) => b <= bytes.length) }),
        sample.bytes,
      ),
    );
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
