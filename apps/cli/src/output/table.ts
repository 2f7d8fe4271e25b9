// Plain-text tables, printed whole or row by row (the training table grows one epoch at a
// time, which box-drawing table libraries, rendering a finished table, cannot do).

export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  /** Minimum width; the header's length at least. */
  readonly width?: number;
  /** Default right: the columns are mostly numbers. */
  readonly align?: Align;
}

/** A table whose columns have fixed widths, so rows can be printed as they come. */
export class StreamTable {
  readonly #columns: readonly Column[];
  readonly #widths: number[];

  constructor(columns: readonly Column[]) {
    this.#columns = columns;
    this.#widths = columns.map((c) => Math.max(c.header.length, c.width ?? 0));
  }

  header(): string {
    const names = this.row(this.#columns.map((c) => c.header));
    const rule = this.#widths.map((w) => '─'.repeat(w)).join('  ');
    return `${names}\n${rule}`;
  }

  row(cells: readonly string[]): string {
    return cells
      .map((cell, i) => pad(cell, this.#widths[i] ?? 0, this.#columns[i]?.align ?? 'right'))
      .join('  ')
      .trimEnd();
  }
}

/** A whole table: column widths fitted to the widest cell. */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const fitted = columns.map((c, i) => ({
    ...c,
    width: Math.max(c.width ?? 0, ...rows.map((r) => displayWidth(r[i] ?? ''))),
  }));
  const table = new StreamTable(fitted);
  return [table.header(), ...rows.map((r) => table.row(r))].join('\n');
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** Characters as a terminal shows them: code points (no wide CJK in what we print). */
function displayWidth(text: string): number {
  return [...text].length;
}
