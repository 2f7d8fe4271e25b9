/** A block of a product's output: rows rowStart..rowEnd, columns colStart..colEnd. */
export interface OutputBlock {
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
}

/**
 * Splits an m×n output into at most `threads` blocks of whole register tiles (MR rows × NR
 * columns; the last block ends at m or n), one per thread: even, except that the caller's
 * (the first) is smaller by what `callerLag` says it starts late. Each thread
 * packs all of A and its columns of B when split by columns, its rows of A and all of B when
 * split by rows: the split is along columns when A is the smaller operand to pack twice (m ≤ n),
 * unless there are too few column panels to go round.
 */
export function splitOutput(
  m: number,
  n: number,
  tile: { readonly mr: number; readonly nr: number },
  threads: number,
  callerLag = 0,
): OutputBlock[] {
  const panels = Math.ceil(n / tile.nr);
  const rowTiles = Math.ceil(m / tile.mr);
  const byColumns =
    m <= n ? panels >= Math.min(threads, rowTiles) : rowTiles < Math.min(threads, panels);
  const units = byColumns ? panels : rowTiles;
  const count = Math.max(1, Math.min(threads, units));
  // The caller (block 0) starts `callerLag` of the whole product's time after the helpers, so
  // it takes less: c + lag·units = h for every helper, c + (count − 1)·h = units. At most half
  // its even share is given away.
  const lag = Math.min(Math.max(callerLag, 0), 0.5 / Math.max(1, count - 1));
  const callerUnits = Math.max(1, Math.round((units * (1 - (count - 1) * lag)) / count));
  const bound = (t: number) =>
    t === 0
      ? 0
      : count === 1
        ? units
        : callerUnits + Math.floor(((t - 1) * (units - callerUnits)) / (count - 1));
  const blocks: OutputBlock[] = [];
  for (let t = 0; t < count; t++) {
    const first = bound(t);
    const last = t === count - 1 ? units : bound(t + 1);
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
