import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatNumber,
  formatPercent,
} from '../../src/output/format.js';
import { formatTable, StreamTable } from '../../src/output/table.js';

describe('tables', () => {
  it('aligns columns to the widest cell', () => {
    const text = formatTable(
      [{ header: 'class', align: 'left' }, { header: 'n' }],
      [
        ['T-shirt', '5'],
        ['Bag', '120'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'class      n',
      '───────  ───',
      'T-shirt    5',
      'Bag      120',
    ]);
  });

  it('prints rows of a stream table with fixed widths', () => {
    const t = new StreamTable([
      { header: 'epoch', width: 5 },
      { header: 'loss', width: 8 },
    ]);
    expect(t.row(['1', '0.5'])).toBe('    1       0.5');
  });
});

describe('number formats', () => {
  it('formats for people', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(0.00012345)).toBe('1.23e-4');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatPercent(0.9512)).toBe('95.12%');
    expect(formatDuration(3.21)).toBe('3.2s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatBytes(9912422)).toBe('9.9 MB');
  });
});
