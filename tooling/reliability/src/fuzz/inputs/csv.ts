// CSV files for the fuzzer: tables drawn as a spreadsheet would write them (a header or none,
// quoted fields, CRLF or LF, a byte-order mark, blank lines) with hostile cells among the
// numbers (NaN, Infinity, 1e309, -0, hex, empty, prototype names as labels), then mutated at
// the byte level (which also makes invalid UTF-8).
import fc from 'fast-check';
import { hostileKey, hostileNumber } from '../hostile-json.js';
import { mutated, type Sample } from '../mutations.js';

const number = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: -99, max: 99 }).map(String) },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '1 2', '"3"', '+.5', '.', '-', 'e5', '١٢') },
);
const label = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '0', '1', '2', '10'),
  hostileKey,
  fc.string({ maxLength: 6 }),
);
const headerName = fc.oneof(fc.constantFrom('x', 'y', 'label', 'LABEL', 'class'), hostileKey);

function quote(field: string, always: boolean): string {
  return always || /[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

export const validCsv: fc.Arbitrary<Sample> = fc
  .record({
    width: fc.integer({ min: 1, max: 6 }),
    rows: fc.integer({ min: 0, max: 12 }),
    header: fc.boolean(),
    cells: fc.array(number, { minLength: 1, maxLength: 80 }),
    labels: fc.array(label, { minLength: 1, maxLength: 12 }),
    names: fc.array(headerName, { minLength: 6, maxLength: 6 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    quoted: fc.boolean(),
    blankLines: fc.boolean(),
  })
  .map(({ width, rows, header, cells, labels, names, crlf, bom, quoted, blankLines }) => {
    const eol = crlf ? '\r\n' : '\n';
    const lines: string[] = [];
    if (header)
      lines.push(
        names
          .slice(0, width + 1)
          .map((n) => quote(n, quoted))
          .join(','),
      );
    for (let r = 0; r < rows; r++) {
      const row = Array.from({ length: width }, (_, c) => cells[(r * width + c) % cells.length]!);
      row.push(labels[r % labels.length]!);
      lines.push(row.map((f) => quote(f, quoted)).join(','));
      if (blankLines && r % 3 === 0) lines.push('');
    }
    const text = (bom ? '\ufeff' : '') + lines.join(eol) + eol;
    const bytes = new TextEncoder().encode(text);
    const boundaries = [0];
    bytes.forEach((b, i) => {
      if (b === 0x0a || b === 0x2c || b === 0x22) boundaries.push(i, i + 1);
    });
    return { bytes, boundaries };
  });

/** Many rows or many columns (up to about 200 kB): the parser must stay linear. */
const large = fc
  .record({
    rows: fc.integer({ min: 1, max: 20_000 }),
    columns: fc.integer({ min: 2, max: 2_000 }),
  })
  .map(({ rows, columns }) => {
    const row = `${'1,'.repeat(columns - 1)}a\n`;
    const count = Math.max(1, Math.min(rows, Math.floor(200_000 / row.length)));
    return new TextEncoder().encode(row.repeat(count));
  });

/** Quotes that never close, across lines. */
const unbalanced = fc
  .nat(5_000)
  .map((n) => new TextEncoder().encode(`x,label\n"${'1,'.repeat(n)}\n2,b\n`));

export const csvInputs: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: validCsv.map((s) => s.bytes) },
  { weight: 4, arbitrary: mutated(validCsv) },
  { weight: 1, arbitrary: large },
  { weight: 1, arbitrary: unbalanced },
);
