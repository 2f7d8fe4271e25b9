import { type DType, NablaError, Tensor, tensor } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SafetensorsError } from '../errors.js';
import { emptyDict, type Metadata } from '../state-dict.js';
import { fromSafetensors, MAX_HEADER_BYTES } from './read.js';
import { toSafetensors } from './write.js';

const bytesOf = (t: Tensor) => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);

/** A file built by hand from a header object (or raw header text) and data bytes. */
function file(header: unknown, data: Uint8Array = new Uint8Array(0), pad = true): Uint8Array {
  let json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  if (pad && json.length % 8 !== 0) {
    const padded = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20);
    padded.set(json);
    json = padded;
  }
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function errorOf(f: () => unknown): SafetensorsError {
  try {
    f();
  } catch (e) {
    if (e instanceof SafetensorsError) return e;
    throw new Error(`expected a SafetensorsError, got ${String(e)}`);
  }
  throw new Error('expected a SafetensorsError, but nothing was thrown');
}

const nameArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '0', '10', 'a.b', 'Grüße ✓', '"q"'),
);

const entryArb = fc
  .record({
    dtype: fc.constantFrom<DType>('float32', 'float64', 'int32'),
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
  })
  .chain(({ dtype, shape }) => {
    const size = shape.reduce((p, d) => p * d, 1);
    const value =
      dtype === 'int32'
        ? fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })
        : fc
            .double({ noDefaultInfinity: false })
            .map((v) => (dtype === 'float32' ? Math.fround(v) : v));
    return fc.array(value, { minLength: size, maxLength: size }).map((values) => {
      const t = new Tensor(
        dtype === 'float32'
          ? new Float32Array(values)
          : dtype === 'float64'
            ? new Float64Array(values)
            : new Int32Array(values),
        shape,
      );
      return t;
    });
  });

const stateDictArb = fc
  .uniqueArray(
    fc.tuple(
      nameArb.filter((n) => n !== '__metadata__'),
      entryArb,
    ),
    {
      maxLength: 6,
      selector: ([name]) => name,
    },
  )
  .map((entries) => {
    const sd = emptyDict<Tensor>();
    for (const [name, t] of entries) sd[name] = t;
    return sd;
  });

const metadataArb = fc
  .uniqueArray(fc.tuple(nameArb, fc.string({ maxLength: 10 })), {
    maxLength: 4,
    selector: ([k]) => k,
  })
  .map((entries) => {
    const m = emptyDict<string>();
    for (const [k, v] of entries) m[k] = v;
    return m;
  });

describe('toSafetensors / fromSafetensors round trip', () => {
  it('is lossless for random state dicts, names, dtypes, shapes and metadata', () => {
    fc.assert(
      fc.property(stateDictArb, fc.option(metadataArb, { nil: undefined }), (sd, metadata) => {
        const bytes = toSafetensors(sd, metadata);
        const { tensors, metadata: read } = fromSafetensors(bytes);
        expect(Object.keys(tensors).sort()).toEqual(Object.keys(sd).sort());
        for (const name of Object.keys(sd)) {
          const a = sd[name]!;
          const b = tensors[name]!;
          expect(b.dtype).toBe(a.dtype);
          expect(b.shape).toEqual(a.shape);
          // Bytes, not values: NaN payloads and -0 survive too.
          expect(bytesOf(b)).toEqual(bytesOf(a));
        }
        expect({ ...read }).toEqual({ ...(metadata ?? {}) });
        expect(Object.getPrototypeOf(tensors)).toBe(null);
        expect(Object.getPrototypeOf(read)).toBe(null);
      }),
      { numRuns: runs(200) },
    );
  });

  it('writes tensors back to back after a header padded with spaces to 8 bytes', () => {
    fc.assert(
      fc.property(stateDictArb, (sd) => {
        const bytes = toSafetensors(sd);
        const n = new DataView(bytes.buffer).getUint32(0, true);
        expect(n % 8).toBe(0);
        const total = Object.values(sd).reduce((s, t) => s + t.data.byteLength, 0);
        expect(bytes.length).toBe(8 + n + total);
        const header = new TextDecoder().decode(bytes.subarray(8, 8 + n));
        expect(header.trimEnd().endsWith('}')).toBe(true);
        expect(header.slice(header.trimEnd().length)).toMatch(/^ *$/);
      }),
      { numRuns: runs(100) },
    );
  });

  it('lays tensors out as the reference writer: F64, F32, I32, then by name in byte order', () => {
    const sd = emptyDict<Tensor>();
    sd.c = tensor([7], { dtype: 'int32' });
    sd.b = tensor([1, 2, 3]);
    sd['\u{1F600}'] = tensor([1]);
    sd['\uFF01'] = tensor([1]);
    sd.a = tensor([1.5], { dtype: 'float64' });
    sd.B = tensor([1]);
    const bytes = toSafetensors(sd);
    const n = new DataView(bytes.buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    // U+FF01 sorts before U+1F600 in UTF-8 (and code points), after it in UTF-16 units.
    expect(Object.keys(header)).toEqual(['a', 'B', 'b', '\uFF01', '\u{1F600}', 'c']);
    expect(header.a.data_offsets).toEqual([0, 8]);
    expect(header.b).toEqual({ dtype: 'F32', shape: [3], data_offsets: [12, 24] });
    expect(header.c.data_offsets).toEqual([32, 36]);
  });

  it('accepts a Map and writes metadata first', () => {
    const bytes = toSafetensors(new Map([['w', tensor([1, 2])]]), { format: 'pt' });
    const n = new DataView(bytes.buffer).getUint32(0, true);
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(text.startsWith('{"__metadata__":{"format":"pt"},"w":')).toBe(true);
    expect(fromSafetensors(bytes.buffer as ArrayBuffer).tensors.w!.toArray()).toEqual([1, 2]);
  });

  it('refuses what it cannot write', () => {
    expect(() => toSafetensors({ w: [1, 2] as unknown as Tensor })).toThrow(/"w" is not a Tensor/);
    expect(() => toSafetensors({ __metadata__: tensor([1]) })).toThrow(/reserves/);
    expect(() => toSafetensors({}, { n: 1 } as unknown as Metadata)).toThrow(/strings only/);
  });
});

describe('fromSafetensors validation', () => {
  const good = () =>
    toSafetensors({ w: tensor([1, 2, 3, 4], { shape: [2, 2] }), b: tensor([5, 6]) });

  it('reports a file shorter than the length field at byte 0', () => {
    const e = errorOf(() => fromSafetensors(new Uint8Array(5)));
    expect(e.offset).toBe(0);
    expect(e.message).toMatch(/fewer than the 8-byte/);
    expect(e).toBeInstanceOf(NablaError);
  });

  it('reports a header length past the end of the file or over the limit', () => {
    const bytes = good();
    new DataView(bytes.buffer).setUint32(0, bytes.length, true);
    expect(errorOf(() => fromSafetensors(bytes)).message).toMatch(/runs past the end/);
    new DataView(bytes.buffer).setUint32(0, MAX_HEADER_BYTES + 1, true);
    expect(errorOf(() => fromSafetensors(bytes)).message).toMatch(/exceeds the limit/);
    new DataView(bytes.buffer).setUint32(4, 0xffffffff, true);
    expect(errorOf(() => fromSafetensors(bytes)).offset).toBe(0);
    const small = good();
    expect(() => fromSafetensors(small, { maxHeaderBytes: 16 })).toThrow(/exceeds the limit of 16/);
  });

  it('reports invalid UTF-8 at its byte', () => {
    const bytes = file('{"a":"\u00e9"}');
    const at = bytes.indexOf(0xc3);
    bytes[at + 1] = 0x28;
    expect(errorOf(() => fromSafetensors(bytes)).offset).toBe(at);
  });

  it('insists on a JSON object that starts the header', () => {
    expect(errorOf(() => fromSafetensors(file(' {}'))).message).toMatch(/must start with "\{"/);
    expect(errorOf(() => fromSafetensors(file('[1,2]'))).message).toMatch(/must start/);
    expect(errorOf(() => fromSafetensors(file('{"a":'))).message).toMatch(/not valid JSON/);
    expect(errorOf(() => fromSafetensors(file('{} x'))).offset).toBeGreaterThanOrEqual(8);
  });

  it('names the tensor and points at its key for bad entries', () => {
    const data = new Uint8Array(8);
    const cases: [unknown, RegExp][] = [
      [{ t: 5 }, /not an object/],
      [
        { t: { dtype: 'F32', shape: [2], data_offsets: [0, 8], extra: 1 } },
        /unknown field "extra"/,
      ],
      [{ t: { dtype: 'F17', shape: [2], data_offsets: [0, 8] } }, /unknown dtype "F17"/],
      [{ t: { dtype: 'F16', shape: [4], data_offsets: [0, 8] } }, /F16 is not supported/],
      [{ t: { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } }, /not a non-negative integer/],
      [{ t: { dtype: 'F32', shape: [1.5], data_offsets: [0, 8] } }, /not a non-negative integer/],
      [{ t: { dtype: 'F32', shape: '2', data_offsets: [0, 8] } }, /not an array/],
      [{ t: { dtype: 'F32', shape: [2], data_offsets: [0] } }, /two non-negative integers/],
      [{ t: { dtype: 'F32', shape: [2], data_offsets: [8, 0] } }, /end before they begin/],
      [
        { t: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } },
        /run past the 8-byte data region/,
      ],
      [
        { t: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } },
        /needs 12 bytes \(3 elements of 4\)/,
      ],
      [
        { t: { dtype: 'F64', shape: [2 ** 40, 2 ** 40], data_offsets: [0, 8] } },
        /more than 2\^31 - 1 elements/,
      ],
    ];
    for (const [header, message] of cases) {
      const bytes = file(header, data);
      const e = errorOf(() => fromSafetensors(bytes));
      expect(e.message).toMatch(message);
      expect(e.message).toContain('"t"');
      expect(e.offset).toBe(8 + JSON.stringify(header).indexOf('"t"'));
    }
  });

  it('keeps messages short for shapes of 100,000 dimensions', () => {
    const dims = new Array(100_000).fill(1);
    dims[50_000] = -1;
    const e = errorOf(() =>
      fromSafetensors(
        file({ t: { dtype: 'F32', shape: dims, data_offsets: [0, 4] } }, new Uint8Array(4)),
      ),
    );
    expect(e.message).toMatch(/shape \[1,1,1,1,1,1,1,1,… 100000 dimensions\] has a dimension that/);
    expect(e.message.length).toBeLessThan(200);
  });

  it('requires the tensors to tile the data region exactly', () => {
    const data = new Uint8Array(16);
    const gap = {
      a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
      b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] },
    };
    const e1 = errorOf(() => fromSafetensors(file(gap, data)));
    expect(e1.message).toMatch(/bytes 4..8 of the data region belong to no tensor/);
    expect(e1.offset).toBe(file(gap, data).length - 16 + 4);
    const overlap = {
      a: { dtype: 'F32', shape: [3], data_offsets: [0, 12] },
      b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] },
    };
    expect(errorOf(() => fromSafetensors(file(overlap, data))).message).toMatch(/"b" .* overlaps/);
    const short = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
    expect(errorOf(() => fromSafetensors(file(short, data))).message).toMatch(/trailing data/);
    const notFromZero = { a: { dtype: 'F32', shape: [2], data_offsets: [8, 16] } };
    expect(errorOf(() => fromSafetensors(file(notFromZero, data))).message).toMatch(/bytes 0..8/);
  });

  it('reads zero-size tensors at any offset within the tiling', () => {
    const data = new Uint8Array(4);
    const header = {
      e: { dtype: 'F32', shape: [0, 3], data_offsets: [4, 4] },
      a: { dtype: 'I32', shape: [], data_offsets: [0, 4] },
    };
    const { tensors } = fromSafetensors(file(header, data));
    expect(tensors.e!.shape).toEqual([0, 3]);
    expect(tensors.a!.shape).toEqual([]);
  });

  it('checks metadata is a map of strings', () => {
    expect(errorOf(() => fromSafetensors(file({ __metadata__: [] }))).message).toMatch(
      /__metadata__ must be/,
    );
    expect(errorOf(() => fromSafetensors(file({ __metadata__: { a: 1 } }))).message).toMatch(
      /value for "a" is number/,
    );
  });

  it('treats __proto__ as a plain name: no prototype pollution', () => {
    const header =
      '{"__metadata__":{"__proto__":"x"},"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"constructor":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
    const { tensors, metadata } = fromSafetensors(file(header, new Uint8Array(8)));
    expect(Object.keys(tensors)).toEqual(['__proto__', 'constructor']);
    const proto = '__proto__';
    expect(tensors[proto]).toBeInstanceOf(Tensor);
    expect(metadata[proto]).toBe('x');
    expect(({} as Record<string, unknown>).dtype).toBeUndefined();
    expect(Object.getPrototypeOf(tensors)).toBe(null);
  });

  it('reads big-endian-independent values: a known F64 file', () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setFloat64(0, -2.5, true);
    const { tensors } = fromSafetensors(
      file({ x: { dtype: 'F64', shape: [], data_offsets: [0, 8] } }, data),
    );
    expect(tensors.x!.item()).toBe(-2.5);
  });
});

describe('fromSafetensors fuzzing', () => {
  /** Only SafetensorsErrors; on success, no more tensor bytes than the file holds. */
  function survives(bytes: Uint8Array): void {
    try {
      const { tensors } = fromSafetensors(bytes);
      const total = Object.values(tensors).reduce((s, t) => s + t.data.byteLength, 0);
      expect(total).toBeLessThanOrEqual(bytes.length);
    } catch (e) {
      if (!(e instanceof SafetensorsError)) throw e;
    }
  }

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => survives(b)),
      { numRuns: runs(300) },
    );
  });

  it('random bytes after a plausible header length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80 }), fc.uint8Array({ maxLength: 96 }), (n, rest) => {
        const b = new Uint8Array(8 + rest.length);
        new DataView(b.buffer).setUint32(0, n, true);
        b.set(rest, 8);
        survives(b);
      }),
      { numRuns: runs(300) },
    );
  });

  const validFile = stateDictArb.chain((sd) =>
    fc.option(metadataArb, { nil: undefined }).map((m) => toSafetensors(sd, m)),
  );

  it('bit flips, byte changes and truncations of valid files', () => {
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        bit: fc.integer({ min: 0, max: 7 }),
      }),
      fc.record({
        kind: fc.constant('set' as const),
        at: fc.nat(),
        value: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('append' as const),
        extra: fc.uint8Array({ minLength: 1, maxLength: 9 }),
      }),
    );
    fc.assert(
      fc.property(
        validFile,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (original, mutations) => {
          let b = original.slice();
          for (const m of mutations) {
            if (b.length === 0) break;
            if (m.kind === 'flip') b[m.at % b.length]! ^= 1 << m.bit;
            else if (m.kind === 'set') b[m.at % b.length] = m.value;
            else if (m.kind === 'truncate') b = b.slice(0, m.at % b.length);
            else {
              const c = new Uint8Array(b.length + m.extra.length);
              c.set(b);
              c.set(m.extra, b.length);
              b = c;
            }
          }
          survives(b);
        },
      ),
      { numRuns: runs(500) },
    );
  });

  it('header-length lies', () => {
    fc.assert(
      fc.property(
        validFile,
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (b, low, high) => {
          const c = b.slice();
          new DataView(c.buffer).setUint32(0, low, true);
          new DataView(c.buffer).setUint32(4, high % 4 === 0 ? 0 : high, true);
          survives(c);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('hostile headers: huge shapes, overlapping or shifted offsets, odd names, odd values', () => {
    const dim = fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      fc.constantFrom(2 ** 31, 2 ** 53 - 1, 2 ** 60, -1, 1.5),
    );
    const entry = fc.record({
      dtype: fc.constantFrom('F32', 'F64', 'I32', 'F16', 'BOOL', 'x'),
      shape: fc.oneof(fc.array(dim, { maxLength: 4 }), fc.constant(null)),
      data_offsets: fc.oneof(
        fc.tuple(fc.integer({ min: -2, max: 40 }), fc.integer({ min: -2, max: 40 })),
        fc.constant([0, 2 ** 60]),
        fc.constant('0,4'),
      ),
    });
    const header = fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.constantFrom('__proto__', '__metadata__', 'constructor'),
      ),
      fc.oneof(
        entry,
        fc.constant(null),
        fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })),
      ),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 40 }), fc.boolean(), (h, data, pad) => {
        survives(file(h, data, pad));
      }),
      { numRuns: runs(500) },
    );
  });
});
