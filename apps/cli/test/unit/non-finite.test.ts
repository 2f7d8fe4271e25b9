// NaN, ±Infinity and values beyond float32's range in CLI inputs are refused where they are
// read, naming the line and column (CSV) or the value's position (--point).
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { point } from '../../src/args/values.js';
import { parseCsv } from '../../src/data/csv.js';
import { CliError } from '../../src/errors.js';

describe('non-finite CSV features', () => {
  const csv = (cell: string) => `a,b,label\n1,2,x\n3,${cell},y\n`;

  it('names the line and the column of NaN and ±Infinity', () => {
    for (const cell of ['NaN', 'Infinity', '-Infinity', '+Infinity']) {
      expect(() => parseCsv(csv(cell), 'f.csv')).toThrow(CliError);
      expect(() => parseCsv(csv(cell), 'f.csv')).toThrow(
        `f.csv:3: column "b" holds "${cell}", a non-finite number (features must be finite); column 2 of 3`,
      );
    }
  });

  it('refuses a number float32 would store as Infinity (it used to become Infinity)', () => {
    expect(() => parseCsv(csv('1e39'), 'f.csv')).toThrow(
      `f.csv:3: column "b" holds "1e39", beyond float32's range of ±3.4e38 (it would be stored as Infinity); column 2 of 3`,
    );
    expect(parseCsv(csv('3.4e38'), 'f.csv').features[3]).toBe(Math.fround(3.4e38));
  });

  it('reads a headerless first row holding NaN as data, and reports it', () => {
    expect(() => parseCsv('NaN,2,0\n1,2,1\n', 'f.csv')).toThrow(
      'f.csv:1: column "x1" holds "NaN", a non-finite number',
    );
  });
});

describe('--point', () => {
  it('names the value that is not finite or not a float32', () => {
    expect(() => point('1,NaN')).toThrow(InvalidArgumentError);
    expect(() => point('1,NaN')).toThrow('Value 2 of 2 ("NaN") is not a finite number');
    expect(() => point('-1e39,0,1')).toThrow(
      `Value 1 of 3 ("-1e39") is beyond float32's range of ±3.4e38`,
    );
    expect(point('3e38,-0.5')).toEqual([3e38, -0.5]);
  });
});
