// NaN and ±Infinity (and numbers float32 would turn into Infinity) in every way data comes in are
// reported when it is read, naming exactly where they are. Each property writes random finite
// data, puts one bad value at a random position, and checks that the error names that position:
// CSV row (file line) and column, `--point` value, IDX byte offset / element / sample, and the
// sample and feature of a DataLoader's tensors (what `fit` trains on).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataLoader, encodeIdx, IdxError, NonFiniteDataError, parseIdx } from '@nabla/datasets';
import { inflateNode } from '@nabla/datasets/node';
import { Tensor } from '@nabla/tensor';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { point } from '../../../../apps/cli/src/args/values.js';
import { parseCsv } from '../../../../apps/cli/src/data/csv.js';
import { budget } from '../budget.js';
import { runCli } from '../child.js';
import { type Figure, recordFigures } from '../figures.js';

const BAD_TEXT = ['NaN', 'Infinity', '-Infinity', '+Infinity', '1e39', '-3.5e38'];
const BAD_NUMBER = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
/** Finite numbers as a person or a spreadsheet writes them, float32-safe. */
const finiteText = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -3e38, max: 3e38, noNaN: true, noDefaultInfinity: true }).map(String),
  fc.double({ min: -1, max: 1, noNaN: true }).map((x) => x.toFixed(4)),
);

const figures: Figure[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nabla-numerics-inputs-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  recordFigures('numerics-inputs', 'Numerical faults: non-finite inputs at load time', figures);
});

function flatStrides(shape: readonly number[]): number[] {
  const out = shape.map(() => 1);
  for (let a = shape.length - 2; a >= 0; a--) out[a] = out[a + 1]! * shape[a + 1]!;
  return out;
}

describe('numerics: non-finite inputs are reported with their position', () => {
  it('CSV: the file line and the column of the bad value', () => {
    const runs = budget(300, 30_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }), // features
        fc.integer({ min: 1, max: 30 }), // rows
        fc.boolean(), // header
        fc.nat(),
        fc.constantFrom(...BAD_TEXT),
        fc.infiniteStream(finiteText),
        (features, rows, header, at, bad, values) => {
          const width = features + 1;
          const row = at % rows;
          const column = Math.floor(at / rows) % features;
          const lines: string[] = header
            ? [[...Array.from({ length: features }, (_, c) => `f${c + 1}`), 'label'].join(',')]
            : [];
          const it = values[Symbol.iterator]();
          for (let r = 0; r < rows; r++) {
            const cells = Array.from({ length: features }, () => it.next().value as string);
            if (r === row) cells[column] = bad;
            lines.push([...cells, String(r % 2)].join(','));
          }
          const line = row + 1 + (header ? 1 : 0);
          const name = header ? `f${column + 1}` : `x${column + 1}`;
          expect(() => parseCsv(lines.join('\n'), 'data.csv')).toThrow(
            new RegExp(
              `^data\\.csv:${line}: column "${name}" holds "${bad.replace('+', '\\+')}", .*; column ${column + 1} of ${width}$`,
            ),
          );
        },
      ),
      { numRuns: runs },
    );
    figures.push({
      name: 'CSV files with one bad value, position named exactly',
      value: runs,
      unit: 'files',
    });
  });

  it('--point: the position of the bad value', () => {
    const runs = budget(300, 30_000);
    fc.assert(
      fc.property(
        fc.array(finiteText, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom(...BAD_TEXT),
        (values, at, bad) => {
          const k = at % values.length;
          const parts = [...values];
          parts[k] = bad;
          const text = parts.join(',');
          // commander's InvalidArgumentError: the CLI turns it into exit code 2.
          expect(() => point(text)).toThrow(
            expect.objectContaining({ code: 'commander.invalidArgument' }),
          );
          expect(() => point(text)).toThrow(`Value ${k + 1} of ${parts.length} ("${bad}")`);
          expect(point(values.join(',')).every((x) => Number.isFinite(Math.fround(x)))).toBe(true);
        },
      ),
      { numRuns: runs },
    );
    figures.push({
      name: '--point values with one bad number, position named exactly',
      value: runs,
      unit: 'inputs',
    });
  });

  it('IDX float32/float64, gzipped or not: byte offset, element, index and sample', async () => {
    const runs = budget(100, 10_000);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        BAD_NUMBER,
        fc.constantFrom('float32' as const, 'float64' as const),
        fc.boolean(),
        async (shape, at, bad, dtype, gzip) => {
          const size = shape.reduce((a, d) => a * d, 1);
          const flat = at % size;
          const data = Array.from({ length: size }, (_, i) => ((i * 37) % 11) - 5);
          data[flat] = bad;
          const raw = encodeIdx({ dtype, shape, data });
          const bytes = gzip ? gzipSync(raw) : raw;
          const error = await parseIdx(bytes, { name: 'x.idx', inflate: inflateNode }).catch(
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(IdxError);
          const offset = 4 + 4 * shape.length + flat * (dtype === 'float32' ? 4 : 8);
          expect((error as IdxError).offset).toBe(offset);
          const s = flatStrides(shape);
          const index = shape.map((d, a) => Math.floor(flat / s[a]!) % d);
          expect((error as Error).message).toContain(
            `(element ${flat}, index [${index.join(',')}]${shape.length > 1 ? `, sample ${index[0]}` : ''};`,
          );
        },
      ),
      { numRuns: runs },
    );
    figures.push({
      name: 'IDX files with one NaN/±Infinity, position named exactly',
      value: runs,
      unit: 'files',
    });
  });

  it('DataLoader (what fit trains on): sample and feature of x or of float targets', () => {
    const runs = budget(200, 20_000);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        BAD_NUMBER,
        fc.boolean(),
        (shape, at, bad, inTargets) => {
          const n = shape[0]!;
          const size = shape.reduce((a, d) => a * d, 1);
          const x = new Float32Array(size).map((_, i) => (i % 5) - 2);
          const y = new Float32Array(n).map((_, i) => i % 2);
          const flat = at % (inTargets ? n : size);
          (inTargets ? y : x)[flat] = bad;
          let error: unknown;
          try {
            new DataLoader({ x: new Tensor(x, shape), y: new Tensor(y, [n]) }, { batchSize: 4 });
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(NonFiniteDataError);
          const e = error as NonFiniteDataError;
          const perSample = inTargets ? 1 : size / n;
          expect([e.what, e.sample, e.feature]).toEqual([
            inTargets ? 'y' : 'x',
            Math.floor(flat / perSample),
            flat % perSample,
          ]);
        },
      ),
      { numRuns: runs },
    );
    figures.push({
      name: 'data sets with one NaN/±Infinity given to DataLoader, position named exactly',
      value: runs,
      unit: 'data sets',
    });
  });

  it('the nabla command: CSV, IDX and --point, before any training or output', async () => {
    const cwd = mkdtempSync(join(dir, 'cli-'));
    const csv = join(cwd, 'bad.csv');
    const rows = Array.from({ length: 20 }, (_, r) => `${r / 10},${(r * 7) % 5},${r % 2}`);
    rows[12] = '1.5,Infinity,0';
    writeFileSync(csv, ['a,b,label', ...rows].join('\n'));
    const out = join(cwd, 'm.safetensors');
    const fromCsv = await runCli(['train', '--data', csv, '--out', out], cwd);
    expect(fromCsv.code).toBe(1);
    expect(fromCsv.stderr).toBe(
      `nabla: error: ${csv}:14: column "b" holds "Infinity", a non-finite number (features must be finite); column 2 of 3\n`,
    );

    const idx = join(cwd, 'idx');
    mkdirSync(idx);
    const images = Array.from({ length: 6 * 2 * 2 }, (_, i) => i / 24);
    images[3 * 4 + 2] = Number.NaN; // sample 3, pixel [1,0]
    writeFileSync(
      join(idx, 'train-images-idx3-ubyte'),
      encodeIdx({ dtype: 'float32', shape: [6, 2, 2], data: images }),
    );
    writeFileSync(
      join(idx, 'train-labels-idx1-ubyte'),
      encodeIdx({ dtype: 'uint8', shape: [6], data: [0, 1, 0, 1, 0, 1] }),
    );
    const fromIdx = await runCli(['train', '--data', idx, '--out', out], cwd);
    expect(fromIdx.code).toBe(1);
    expect(fromIdx.stderr).toContain(
      `at byte offset ${16 + 14 * 4} of train-images-idx3-ubyte: expected a finite float32 (element 14, index [3,1,0], sample 3;`,
    );
    expect(readdirSync(cwd).sort()).toEqual(['bad.csv', 'idx']);

    const model = join(cwd, 'points.safetensors');
    expect(
      (await runCli(['train', '--data', 'circles', '--epochs', '1', '--out', model], cwd)).code,
    ).toBe(0);
    const fromPoint = await runCli(['predict', model, '--point', '0.5,1e39'], cwd);
    expect(fromPoint.code).toBe(2);
    expect(fromPoint.stderr).toContain(`Value 2 of 2 ("1e39") is beyond float32's range`);
    expect(fromPoint.stdout).toBe('');
    figures.push({
      name: 'nabla train/predict with a non-finite CSV cell, IDX element or --point value',
      value: 3,
      unit: 'commands',
      note: 'each exits 1 (data) or 2 (usage) with the position, before any training or output',
    });
  });
});
