import { describe, expect, it } from 'vitest';
import { classesOf, parseCsv, splitCsvLine } from '../../src/data/csv.js';

describe('CSV', () => {
  it('splits quoted fields', () => {
    expect(splitCsvLine('1, "a, b" ,"say ""hi"""')).toEqual(['1', 'a, b', 'say "hi"']);
  });

  it('finds the header and the label column by name', () => {
    const t = parseCsv('x,label,y\r\n1,cat,2\n3,dog,4\n', 'f.csv');
    expect(t.featureNames).toEqual(['x', 'y']);
    expect(t.labelName).toBe('label');
    expect(Array.from(t.features)).toEqual([1, 2, 3, 4]);
    expect(t.labels).toEqual(['cat', 'dog']);
  });

  it('takes the last column without a header, or the one asked for', () => {
    expect(parseCsv('1,2,0\n3,4,1\n', 'f.csv').labels).toEqual(['0', '1']);
    expect(parseCsv('1,2,0\n3,4,1\n', 'f.csv', '1').labels).toEqual(['1', '3']);
  });

  it('names the line of a bad row', () => {
    expect(() => parseCsv('a,b,label\n1,2,x\n1,oops,y\n', 'f.csv')).toThrow(
      'f.csv:3: column "b" holds "oops", not a number',
    );
    expect(() => parseCsv('a,b,label\n1,2\n', 'f.csv')).toThrow(
      'f.csv:2: expected 3 fields, found 2',
    );
    expect(() => parseCsv('a,label\n1,2\n', 'f.csv', 'species')).toThrow('no column "species"');
  });

  it('reads features as decimal numbers only: hex, binary and octal spellings are refused', () => {
    expect(Array.from(parseCsv('a,label\n-1.5e2,x\n.25,y\n', 'f.csv').features)).toEqual([
      -150, 0.25,
    ]);
    for (const spelling of ['0x10', '0b11', '0o7']) {
      expect(() => parseCsv(`a,label\n1,x\n${spelling},y\n`, 'f.csv')).toThrow(
        `f.csv:3: column "a" holds "${spelling}", not a number`,
      );
    }
  });

  it('orders numeric classes numerically', () => {
    expect(classesOf(['10', '9', '1', '9'])).toEqual(['1', '9', '10']);
    expect(classesOf(['b', 'a'])).toEqual(['a', 'b']);
  });
});
