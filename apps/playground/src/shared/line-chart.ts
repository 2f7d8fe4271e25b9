// Loss curves on a canvas: a few series against a shared x axis, round ticks, an optional log
// scale, and labelled vertical markers (where early stopping stopped, which epoch it restored).
import { extent, formatNumber, niceTicks } from './scale';

export interface Series {
  label: string;
  color: string;
  /** y values at x = xs[i], or at x = i + xStart when `xs` is absent. */
  ys: ArrayLike<number>;
  xs?: ArrayLike<number>;
  dashed?: boolean;
}

export interface Marker {
  x: number;
  label: string;
  color: string;
}

export interface ChartSpec {
  series: Series[];
  markers?: Marker[];
  xLabel: string;
  logY?: boolean;
  /** The x of the first point of series without `xs` (default 0). */
  xStart?: number;
  /** Show at least this much of the x axis, so a curve grows into the chart. */
  xMin?: number;
  xMax?: number;
}

const PAD = { left: 44, right: 10, top: 22, bottom: 30 };

function xAt(s: Series, i: number, xStart: number): number {
  return s.xs === undefined ? i + xStart : s.xs[i]!;
}

export function drawLineChart(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  spec: ChartSpec,
): void {
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  const xStart = spec.xStart ?? 0;
  const log = spec.logY === true;
  const ty = (v: number) => (log ? Math.log10(Math.max(v, 1e-12)) : v);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of spec.series) {
    for (let i = 0; i < s.ys.length; i++) {
      xs.push(xAt(s, i, xStart));
      ys.push(ty(s.ys[i]!));
    }
  }
  for (const m of spec.markers ?? []) xs.push(m.x);
  if (spec.xMin !== undefined) xs.push(spec.xMin);
  if (spec.xMax !== undefined) xs.push(spec.xMax);
  const ex = extent(xs) ?? { min: 0, max: 1 };
  const ey = extent(ys) ?? { min: 0, max: 1 };
  // The legend wraps on narrow charts; the plot starts below its last row.
  const legend = legendLayout(ctx, spec.series, width);
  const top = PAD.top + 14 * (legend.rows - 1);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - top - PAD.bottom;
  const px = (x: number) => PAD.left + ((x - ex.min) / (ex.max - ex.min)) * plotW;
  const py = (y: number) => top + (1 - (y - ey.min) / (ey.max - ey.min)) * plotH;

  // Grid and ticks.
  ctx.strokeStyle = '#e3e6ea';
  ctx.fillStyle = '#5b6470';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const yTicks = log ? logTicks(ey.min, ey.max) : niceTicks(ey.min, ey.max, 4);
  for (const t of yTicks) {
    const y = py(t);
    ctx.beginPath();
    ctx.moveTo(PAD.left, y);
    ctx.lineTo(width - PAD.right, y);
    ctx.stroke();
    ctx.fillText(log ? powerLabel(t) : tickLabel(t, yTicks), PAD.left - 4, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xTicks = niceTicks(ex.min, ex.max, 5);
  for (const t of xTicks) {
    ctx.fillText(tickLabel(t, xTicks), px(t), height - PAD.bottom + 4);
  }
  ctx.fillText(spec.xLabel, PAD.left + plotW / 2, height - 13);

  // Markers under the curves.
  ctx.textBaseline = 'top';
  (spec.markers ?? []).forEach((m, i) => {
    const x = px(m.x);
    ctx.strokeStyle = m.color;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + plotH);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = m.color;
    // Stacked, so markers a step apart keep legible labels.
    ctx.fillText(m.label, Math.min(Math.max(x, PAD.left + 30), width - 40), top + 2 + 13 * i);
  });

  // Curves.
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, top - 2, plotW, plotH + 4);
  ctx.clip();
  ctx.lineWidth = 1.8;
  for (const s of spec.series) {
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dashed ? [5, 4] : []);
    ctx.beginPath();
    let open = false;
    for (let i = 0; i < s.ys.length; i++) {
      const v = ty(s.ys[i]!);
      if (!Number.isFinite(v)) {
        open = false;
        continue;
      }
      const x = px(xAt(s, i, xStart));
      const y = py(v);
      if (open) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      open = true;
    }
    if (s.ys.length === 1) ctx.arc(px(xAt(s, 0, xStart)), py(ty(s.ys[0]!)), 2, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.restore();
  ctx.setLineDash([]);

  // Legend along the top.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  spec.series.forEach((series, i) => {
    const [lx, ly] = legend.positions[i]!;
    ctx.fillStyle = series.color;
    ctx.fillRect(lx, ly - 2, 12, 3);
    ctx.fillStyle = '#39414b';
    ctx.fillText(series.label, lx + 16, ly);
  });
}

/** Powers of ten inside a log10 range, at most six of them (every k-th when it spans many). */
function logTicks(min: number, max: number): number[] {
  const lo = Math.ceil(min);
  const hi = Math.floor(max);
  if (hi - lo < 1) return niceTicks(min, max, 3);
  const every = Math.ceil((hi - lo + 1) / 6);
  const ticks: number[] = [];
  for (let p = hi; p >= lo; p -= every) ticks.push(p);
  return ticks;
}

/** 10^p as people write it: 0.01, 1, 100, or 1e-6 beyond three digits. */
function powerLabel(p: number): string {
  if (!Number.isInteger(p)) return formatNumber(10 ** p, 2);
  return Math.abs(p) <= 3 ? String(Number((10 ** p).toPrecision(1))) : `1e${p}`;
}

/** A tick with as many decimals as the tick spacing needs, so neighbours never read the same. */
function tickLabel(t: number, ticks: number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : Math.abs(t) || 1;
  if (step >= 1e4 || step < 1e-4) return t.toExponential(1);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return t.toFixed(decimals);
}

/** Where each legend entry goes: left to right, wrapping to a new row at the chart's edge. */
function legendLayout(
  ctx: CanvasRenderingContext2D,
  series: Series[],
  width: number,
): { positions: [number, number][]; rows: number } {
  const positions: [number, number][] = [];
  let x = PAD.left;
  let row = 0;
  for (const s of series) {
    const w = 22 + ctx.measureText(s.label).width;
    if (x + w > width && x > PAD.left) {
      row += 1;
      x = PAD.left;
    }
    positions.push([x, 9 + 14 * row]);
    x += w;
  }
  return { positions, rows: row + 1 };
}
