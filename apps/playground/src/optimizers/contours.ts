// Contour lines by marching squares: for each level, each grid cell whose corners straddle it
// contributes a segment between the interpolated crossings on its edges.

/** Segments x0, y0, x1, y1, … in grid coordinates (column, row; cell centres at integers). */
export function contourSegments(values: ArrayLike<number>, size: number, level: number): number[] {
  const out: number[] = [];
  const at = (r: number, c: number) => values[r * size + c]!;
  // Where the level crosses between corner values a (at 0) and b (at 1).
  const t = (a: number, b: number) => (level - a) / (b - a);
  for (let r = 0; r < size - 1; r++) {
    for (let c = 0; c < size - 1; c++) {
      const tl = at(r, c);
      const tr = at(r, c + 1);
      const br = at(r + 1, c + 1);
      const bl = at(r + 1, c);
      if (![tl, tr, br, bl].every(Number.isFinite)) continue;
      const code =
        (tl > level ? 8 : 0) | (tr > level ? 4 : 0) | (br > level ? 2 : 0) | (bl > level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      const top: [number, number] = [c + t(tl, tr), r];
      const right: [number, number] = [c + 1, r + t(tr, br)];
      const bottom: [number, number] = [c + t(bl, br), r + 1];
      const left: [number, number] = [c, r + t(tl, bl)];
      const seg = (a: [number, number], b: [number, number]) => out.push(a[0], a[1], b[0], b[1]);
      switch (code) {
        case 1:
        case 14:
          seg(left, bottom);
          break;
        case 2:
        case 13:
          seg(bottom, right);
          break;
        case 3:
        case 12:
          seg(left, right);
          break;
        case 4:
        case 11:
          seg(top, right);
          break;
        case 6:
        case 9:
          seg(top, bottom);
          break;
        case 7:
        case 8:
          seg(left, top);
          break;
        case 5: // saddle cells: either pairing is a valid contour; take one
          seg(left, top);
          seg(bottom, right);
          break;
        case 10:
          seg(top, right);
          seg(left, bottom);
          break;
      }
    }
  }
  return out;
}

/**
 * Levels spaced evenly in log(f − min), so the steep walls and the flat floor of a valley both
 * get lines: the usual way to draw Rosenbrock.
 */
export function contourLevels(values: ArrayLike<number>, count: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (!(max > min)) return [];
  const span = max - min;
  const lo = Math.log(span * 1e-4);
  const hi = Math.log(span);
  return Array.from(
    { length: count },
    (_, k) => min + Math.exp(lo + ((k + 0.5) / count) * (hi - lo)),
  );
}

/** Each value's shade in [0, 1] on the same log scale as the levels. */
export function logShade(values: ArrayLike<number>): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const out = new Float32Array(values.length);
  const span = max - min || 1;
  const lo = Math.log(span * 1e-4);
  const hi = Math.log(span);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isFinite(v) ? (Math.log(Math.max(v - min, span * 1e-4)) - lo) / (hi - lo) : 1;
  }
  return out;
}
