/** A block of a product's output: rows rowStart..rowEnd, columns colStart..colEnd. */
export interface OutputBlock {
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
}

/**
 * Splits an m×n output into at most `threads` blocks of whole register tiles (MR rows × NR
 * columns; the last block ends at m or n), as even as tiles allow, one per thread. Each thread
 * packs all of A and its columns of B when split by columns, its rows of A and all of B when
 * split by rows: the split is along columns when A is the smaller operand to pack twice (m ≤ n),
 * unless there are too few column panels to go round.
 */
export function splitOutput(
  m: number,
  n: number,
  tile: { readonly mr: number; readonly nr: number },
  threads: number,
): OutputBlock[] {
  const panels = Math.ceil(n / tile.nr);
  const rowTiles = Math.ceil(m / tile.mr);
  const byColumns =
    m <= n ? panels >= Math.min(threads, rowTiles) : rowTiles < Math.min(threads, panels);
  const units = byColumns ? panels : rowTiles;
  const count = Math.max(1, Math.min(threads, units));
  const blocks: OutputBlock[] = [];
  for (let t = 0; t < count; t++) {
    const first = Math.floor((t * units) / count);
    const last = Math.floor(((t + 1) * units) / count);
    blocks.push(
      byColumns
        ? { rowStart: 0, rowEnd: m, colStart: first * tile.nr, colEnd: Math.min(n, last * tile.nr) }
        : {
            rowStart: first * tile.mr,
            rowEnd: Math.min(m, last * tile.mr),
            colStart: 0,
            colEnd: n,
          },
    );
  }
  return blocks;
}
