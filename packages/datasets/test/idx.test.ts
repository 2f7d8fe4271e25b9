// IDX parsing: round trips through encodeIdx for every dtype, gzip detection, every kind of
// damage reported as an IdxError at the right offset, and fuzzing that only ever yields an
// IdxArray or an IdxError.
import { gzipSync } from 'node:zlib';
import { ArgumentError } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeIdx,
  encodeIdx,
  IDX_DTYPES,
  type IdxArray,
  type IdxDType,
  IdxError,
  isGzip,
  parseIdx,
} from '../src/index.js';
import { inflateNode } from '../src/node.js';

const ranges: Record<IdxDType, [number, number]> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  float32: [-1e6, 1e6],
  float64: [-1e300, 1e300],
};

const idxArb: fc.Arbitrary<IdxArray> = fc
  .tuple(
    fc.constantFrom(...IDX_DTYPES.map((d) => d.dtype)),
    fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
  )
  .chain(([dtype, shape]) => {
    const count = shape.reduce((a, d) => a * d, 1);
    const [min, max] = ranges[dtype];
    const value =
      dtype === 'float32'
        ? fc.float({ min: -1e6, max: 1e6, noNaN: true }).map(Math.fround)
        : dtype === 'float64'
          ? fc.double({ min, max, noNaN: true })
          : fc.integer({ min, max });
    return fc.array(value, { minLength: count, maxLength: count }).map((data) => ({
      dtype,
      shape,
      data: Float64Array.from(data) as unknown as IdxArray['data'],
    }));
  });

/** An IdxError at `offset` whose message mentions `what`. */
function expectIdxError(run: () => unknown, offset: number, what: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(IdxError);
  expect((caught as IdxError).offset).toBe(offset);
  expect((caught as IdxError).message).toMatch(new RegExp(`offset ${offset}\\b`));
  expect((caught as IdxError).message).toMatch(what);
}

async function expectIdxErrorAsync(run: () => Promise<unknown>, offset: number, what: RegExp) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expectIdxError(
    () => {
      if (error) throw error;
    },
    offset,
    what,
  );
}

const mnistLike = () =>
  encodeIdx({ dtype: 'uint8', shape: [3, 2, 2], data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255] });

describe('encodeIdx and decodeIdx', () => {
  it('round-trip every dtype, rank 0 to 4, empty dimensions included', () => {
    fc.assert(
      fc.property(idxArb, (a) => {
        const back = decodeIdx(encodeIdx(a));
        expect(back.dtype).toBe(a.dtype);
        expect(back.shape).toEqual(a.shape);
        expect(Array.from(back.data)).toEqual(Array.from(a.data));
      }),
      { numRuns: runs(200) },
    );
  });

  it('writes the header MNIST files have', () => {
    const bytes = mnistLike();
    expect(Array.from(bytes.subarray(0, 16))).toEqual([
      0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2,
    ]);
    expect(bytes.length).toBe(16 + 12);
    const decoded = decodeIdx(bytes);
    expect(decoded.data).toBeInstanceOf(Uint8Array);
    expect(decoded.data[11]).toBe(255);
  });

  it('reads big-endian multi-byte elements', () => {
    const bytes = new Uint8Array([0, 0, 0x0c, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xfe, 0, 0, 1, 0]);
    expect(Array.from(decodeIdx(bytes).data)).toEqual([-2, 256]);
    expect(decodeIdx(bytes.buffer).shape).toEqual([2]);
  });

  it('returns a copy: changing the input later leaves the result alone', () => {
    const bytes = mnistLike();
    const decoded = decodeIdx(bytes);
    bytes[bytes.length - 1] = 0;
    expect(decoded.data[11]).toBe(255);
  });

  it('rejects input that is not bytes, and bad encodeIdx input', () => {
    expect(() => decodeIdx([0, 0, 8, 0] as unknown as Uint8Array)).toThrow(ArgumentError);
    expect(() => encodeIdx({ dtype: 'uint8', shape: [2], data: [1] })).toThrow(/needs 2 elements/);
    expect(() => encodeIdx({ dtype: 'uint16' as IdxDType, shape: [], data: [1] })).toThrow(
      /unknown IDX dtype/,
    );
    expect(() => encodeIdx({ dtype: 'uint8', shape: [-1], data: [] })).toThrow(/dimensions/);
  });
});

describe('damaged IDX files give an IdxError naming the offset', () => {
  it('too short for the magic number', () => {
    expectIdxError(() => decodeIdx(new Uint8Array([0, 0, 8])), 3, /4-byte IDX magic number/);
    expectIdxError(() => decodeIdx(new Uint8Array(0)), 0, /magic number/);
  });

  it('non-zero magic bytes', () => {
    const bytes = mnistLike();
    bytes[0] = 1;
    expectIdxError(() => decodeIdx(bytes), 0, /expected 0x00.*found 0x01/);
    const other = mnistLike();
    other[1] = 0x42;
    expectIdxError(() => decodeIdx(other), 1, /found 0x42/);
  });

  it('an unknown dtype code', () => {
    const bytes = mnistLike();
    bytes[2] = 0x0a;
    expectIdxError(() => decodeIdx(bytes), 2, /dtype code, one of 0x08 \(uint8\).*found 0x0a/);
  });

  it('a header cut inside the dimensions', () => {
    const bytes = mnistLike().subarray(0, 10);
    expectIdxError(() => decodeIdx(bytes), 8, /dimension 1 of 3/);
  });

  it('truncated data', () => {
    const bytes = mnistLike().subarray(0, 27);
    expectIdxError(
      () => decodeIdx(bytes),
      27,
      /12 data bytes for shape \[3,2,2\] of uint8.*after 11/,
    );
  });

  it('extra bytes after the data', () => {
    const bytes = new Uint8Array([...mnistLike(), 1, 2]);
    expectIdxError(() => decodeIdx(bytes), 28, /end of the file.*2 extra byte/);
  });

  it('dimensions whose product is astronomically large, without allocating it', () => {
    const bytes = new Uint8Array([
      0, 0, 0x0e, 3, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ]);
    expectIdxError(
      () => decodeIdx(bytes),
      16,
      /data bytes for shape \[4294967295,4294967295,4294967295\]/,
    );
  });

  it('gzip given to the synchronous decoder', () => {
    expectIdxError(
      () => decodeIdx(gzipSync(mnistLike())),
      0,
      /gzip magic 0x1f 0x8b \(use parseIdx/,
    );
  });

  it('names the file when given one', () => {
    expect(() => decodeIdx(new Uint8Array(2), { name: 'train-images' })).toThrow(
      /offset 2 of train-images/,
    );
  });
});

describe('parseIdx', () => {
  const inflaters = [
    ['DecompressionStream', undefined],
    ['node:zlib', inflateNode],
  ] as const;

  it('parses uncompressed bytes like decodeIdx', async () => {
    const parsed = await parseIdx(mnistLike());
    expect(parsed.shape).toEqual([3, 2, 2]);
  });

  describe.each(inflaters)('gzip through %s', (_name, inflate) => {
    const options = inflate ? { inflate } : {};

    it('detects gzip by its magic bytes and inflates it', async () => {
      const gz = gzipSync(mnistLike());
      expect(isGzip(gz)).toBe(true);
      expect(isGzip(mnistLike())).toBe(false);
      const parsed = await parseIdx(gz, options);
      expect(parsed.shape).toEqual([3, 2, 2]);
      expect(Array.from(parsed.data)).toEqual(Array.from(decodeIdx(mnistLike()).data));
    });

    it('reports a truncated gzip stream', async () => {
      const gz = gzipSync(mnistLike());
      await expectIdxErrorAsync(
        () => parseIdx(gz.subarray(0, gz.length - 5), options),
        10,
        /valid deflate stream/,
      );
    });

    it('reports a corrupted gzip body (CRC or deflate error)', async () => {
      const gz = gzipSync(
        encodeIdx({ dtype: 'uint8', shape: [100], data: new Array(100).fill(7) }),
      );
      const bad = Uint8Array.from(gz);
      bad[bad.length - 8]! ^= 0xff; // the CRC-32
      await expectIdxErrorAsync(() => parseIdx(bad, options), 10, /corrupt or truncated gzip/);
      const worse = Uint8Array.from(gz);
      worse[12]! ^= 0x5a;
      await expectIdxErrorAsync(() => parseIdx(worse, options), 10, /gzip/);
    });

    it('reports junk after the gzip stream', async () => {
      const gz = gzipSync(mnistLike());
      await expectIdxErrorAsync(
        () => parseIdx(new Uint8Array([...gz, 1, 2, 3]), options),
        10,
        /gzip/,
      );
    });

    it('reports an IDX defect inside gzip with its offset in the inflated data', async () => {
      const bytes = mnistLike();
      bytes[2] = 0x42;
      const error = await parseIdx(gzipSync(bytes), { ...options, name: 'x.gz' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(IdxError);
      expect((error as Error).message).toMatch(/offset 2 of the inflated data of x\.gz/);
    });

    it('refuses to inflate beyond maxBytes (a gzip bomb)', async () => {
      const bomb = gzipSync(new Uint8Array(5_000_000));
      await expectIdxErrorAsync(
        () => parseIdx(bomb, { ...options, maxBytes: 100_000 }),
        10,
        /at most 100000 inflated bytes/,
      );
    });
  });

  it('reports damaged gzip headers at their offsets', async () => {
    const gz = Uint8Array.from(gzipSync(mnistLike()));
    gz[2] = 7;
    await expectIdxErrorAsync(() => parseIdx(gz), 2, /compression method 0x08/);
    const flags = Uint8Array.from(gzipSync(mnistLike()));
    flags[3] = 0x80;
    await expectIdxErrorAsync(() => parseIdx(flags), 3, /reserved bits/);
    await expectIdxErrorAsync(
      () => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0])),
      4,
      /complete gzip stream/,
    );
  });

  it('rejects bad options', async () => {
    await expect(parseIdx(gzipSync(mnistLike()), { maxBytes: 0 })).rejects.toThrow(
      /maxBytes must be a positive integer/,
    );
    await expect(parseIdx('bytes' as unknown as Uint8Array)).rejects.toThrow(ArgumentError);
  });
});

describe('fuzzing', () => {
  const outcome = async (bytes: Uint8Array) => {
    try {
      const parsed = await parseIdx(bytes, { maxBytes: 1 << 20, inflate: inflateNode });
      // A successful parse must be self-consistent.
      expect(parsed.data.length).toBe(parsed.shape.reduce((a, d) => a * d, 1));
      return 'ok';
    } catch (error) {
      expect(error).toBeInstanceOf(IdxError);
      return 'error';
    }
  };

  it('random bytes give an IdxArray or an IdxError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        await outcome(bytes);
      }),
      { numRuns: runs(300) },
    );
  });

  it('random headers (magic, dtype, rank, dims) over random payloads only yield typed errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x00, 0xff),
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(0xffffffff)), {
          maxLength: 6,
        }),
        fc.uint8Array({ maxLength: 80 }),
        async (code, rank, dims, payload) => {
          const header = new Uint8Array(4 + 4 * dims.length);
          header[2] = code;
          header[3] = rank;
          const view = new DataView(header.buffer);
          dims.forEach((d, i) => {
            view.setUint32(4 + 4 * i, d, false);
          });
          await outcome(new Uint8Array([...header, ...payload]));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('mutated gzip through DecompressionStream only yields typed errors', async () => {
    await fc.assert(
      fc.asyncProperty(idxArb, fc.nat(), fc.integer({ min: 0, max: 255 }), async (a, at, value) => {
        const bytes = Uint8Array.from(gzipSync(encodeIdx(a)));
        bytes[at % bytes.length] = value;
        try {
          await parseIdx(bytes, { maxBytes: 1 << 20 });
        } catch (error) {
          expect(error).toBeInstanceOf(IdxError);
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('mutated valid files, raw and gzipped, only yield typed errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        idxArb,
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: -3, max: 3 }),
        async (a, gzipped, edits, resize) => {
          const encoded = encodeIdx(a);
          const bytes = Uint8Array.from(gzipped ? gzipSync(encoded) : encoded);
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const length = Math.max(0, bytes.length + resize);
          const resized = new Uint8Array(length);
          resized.set(bytes.subarray(0, length));
          await outcome(resized);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
