// NaN and ±Infinity in data are reported when the data is handed over (a DataLoader) or read
// (an IDX file), naming exactly where they are: a NaN put at a random position is found there.
import { gzipSync } from 'node:zlib';
import { Tensor } from '@nabla/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DataLoader,
  decodeIdx,
  encodeIdx,
  IdxError,
  NonFiniteDataError,
  parseIdx,
} from '../src/index.js';
import { inflateNode } from '../src/node.js';

const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const dims = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 });
const floatType = fc.constantFrom('float32' as const, 'float64' as const);

/** Finite filler: large and small, positive and negative, never NaN. */
function filled(dtype: 'float32' | 'float64', size: number): Float32Array | Float64Array {
  const data = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  for (let i = 0; i < size; i++) data[i] = ((i * 7919) % 13) - 6 + (i % 3 === 0 ? 3e38 : 0);
  return data;
}

function strides(shape: readonly number[]): number[] {
  const out = shape.map(() => 1);
  for (let a = shape.length - 2; a >= 0; a--) out[a] = out[a + 1]! * shape[a + 1]!;
  return out;
}

describe('DataLoader refuses non-finite data, naming sample and feature', () => {
  it('finds a value put at a random position of x or of float targets', () => {
    fc.assert(
      fc.property(dims, fc.nat(), bad, floatType, fc.boolean(), (shape, at, value, dtype, inY) => {
        const n = shape[0]!;
        const size = shape.reduce((a, d) => a * d, 1);
        const flat = at % (inY ? n : size);
        const x = filled(dtype, size);
        const y = filled(dtype, n);
        (inY ? y : x)[flat] = value;
        const data = { x: new Tensor(x, shape), y: new Tensor(y, [n]) };
        let error: unknown;
        try {
          new DataLoader(data, { batchSize: 2 });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(NonFiniteDataError);
        const e = error as NonFiniteDataError;
        const perSample = inY ? 1 : size / n;
        expect(e.what).toBe(inY ? 'y' : 'x');
        expect(e.sample).toBe(Math.floor(flat / perSample));
        expect(e.feature).toBe(flat % perSample);
        const s = strides(inY ? [n] : shape);
        expect(e.index.reduce((acc, i, axis) => acc + i * s[axis]!, 0)).toBe(flat);
        expect(Object.is(e.value, value)).toBe(true);
        expect(e.message).toContain(
          `holds ${value} at sample ${e.sample}, feature ${e.feature} (index [${e.index.join(',')}])`,
        );
      }),
    );
  });

  it('takes finite data and integer labels as they are', () => {
    const x = new Tensor(new Float32Array([3.4e38, -3.4e38, 0, -0]), [2, 2]);
    const y = new Tensor(new Int32Array([0, 1]), [2]);
    expect(new DataLoader({ x, y }, { batchSize: 1 }).length).toBe(2);
  });
});

describe('IDX float files with NaN or ±Infinity', () => {
  it('are refused at the byte offset of the value, naming element, index and sample', async () => {
    await fc.assert(
      fc.asyncProperty(
        dims,
        fc.nat(),
        bad,
        floatType,
        fc.boolean(),
        async (shape, at, value, dtype, gzip) => {
          const size = shape.reduce((a, d) => a * d, 1);
          const flat = at % size;
          const data = filled(dtype, size);
          data[flat] = value;
          const raw = encodeIdx({ dtype, shape, data });
          const bytes = gzip ? new Uint8Array(gzipSync(raw)) : raw;
          const error = await parseIdx(bytes, { name: 'f.idx', inflate: inflateNode }).catch(
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(IdxError);
          const itemBytes = dtype === 'float32' ? 4 : 8;
          const offset = 4 + 4 * shape.length + flat * itemBytes;
          expect((error as IdxError).offset).toBe(offset);
          const s = strides(shape);
          const index = shape.map((d, axis) => Math.floor(flat / s[axis]!) % d);
          const sample = shape.length > 1 ? `, sample ${index[0]}` : '';
          expect((error as Error).message).toContain(
            `at byte offset ${offset}${gzip ? ' of the inflated data' : ''} of f.idx: expected a finite ${dtype} (element ${flat}, index [${index.join(',')}]${sample}; pass allowNonFinite to accept it), found ${value}`,
          );
          // Asked for, they are read as they are.
          const read = await parseIdx(bytes, { inflate: inflateNode, allowNonFinite: true });
          expect(Object.is(read.data[flat], value)).toBe(true);
        },
      ),
    );
  });

  it('decodeIdx checks too', () => {
    const raw = encodeIdx({ dtype: 'float32', shape: [2, 2], data: [1, 2, 3, Number.NaN] });
    expect(() => decodeIdx(raw)).toThrow(
      /at byte offset 24: expected a finite float32 \(element 3, index \[1,1\], sample 1/,
    );
    expect(decodeIdx(raw, { allowNonFinite: true }).shape).toEqual([2, 2]);
  });
});
