// Line charts as plain SVG: axes with nice ticks, a grid, one polyline per series (gaps where a
// value is missing), vertical markers (the best epoch, where training stopped) and a legend.
import { escapeXml, num } from './escape.js';
import { linearScale, tickLabel } from './scale.js';

export interface Series {
  readonly name: string;
  /** [x, y] pairs; a NaN y leaves a gap. */
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
  readonly dashed?: boolean;
}

export interface Marker {
  readonly x: number;
  readonly label: string;
  readonly color: string;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly markers?: readonly Marker[];
  readonly width?: number;
  readonly height?: number;
  /** Format of the y tick labels (default: short numbers). */
  readonly yFormat?: (v: number) => string;
}

const MARGIN = { top: 50, right: 16, bottom: 44, left: 66 };

export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 540;
  const height = options.height ?? 300;
  const yFormat = options.yFormat ?? tickLabel;
  const markers = options.markers ?? [];
  const finite = (v: number) => Number.isFinite(v);
  const xs = [
    ...options.series.flatMap((s) => s.points.map(([x]) => x)),
    ...markers.map((m) => m.x),
  ].filter(finite);
  const ys = options.series.flatMap((s) => s.points.map(([, y]) => y)).filter(finite);
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const y0 = height - MARGIN.bottom;
  const y1 = MARGIN.top;
  const x = linearScale(Math.min(...xs, 1), Math.max(...xs, 1), x0, x1, { count: 8, nice: false });
  const y = linearScale(ys.length ? Math.min(...ys) : 0, ys.length ? Math.max(...ys) : 1, y0, y1);

  const parts: string[] = [];
  parts.push(
    `<text class="title" x="${num(width / 2)}" y="18" text-anchor="middle">${escapeXml(options.title)}</text>`,
  );
  // Grid and ticks.
  for (const t of y.ticks) {
    parts.push(
      `<line class="grid" x1="${x0}" x2="${x1}" y1="${num(y(t))}" y2="${num(y(t))}"/>`,
      `<text class="tick" x="${x0 - 6}" y="${num(y(t) + 4)}" text-anchor="end">${escapeXml(yFormat(t))}</text>`,
    );
  }
  for (const t of x.ticks.filter(Number.isInteger)) {
    parts.push(
      `<text class="tick" x="${num(x(t))}" y="${y0 + 16}" text-anchor="middle">${escapeXml(tickLabel(t))}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}"/>`,
    `<line class="axis" x1="${x0}" x2="${x0}" y1="${y0}" y2="${y1}"/>`,
    `<text class="label" x="${num((x0 + x1) / 2)}" y="${height - 8}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text class="label" transform="translate(12 ${num((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  // Markers under the lines.
  markers.forEach((m, i) => {
    const mx = num(x(m.x));
    parts.push(
      `<line class="marker" x1="${mx}" x2="${mx}" y1="${y0}" y2="${y1}" stroke="${m.color}"/>`,
      `<text class="marker-label" x="${mx}" y="${y1 + 12 + 12 * i}" fill="${m.color}" text-anchor="${x(m.x) > (x0 + x1) / 2 ? 'end' : 'start'}" dx="${x(m.x) > (x0 + x1) / 2 ? -4 : 4}">${escapeXml(m.label)}</text>`,
    );
  });
  // Series.
  for (const s of options.series) {
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    for (const run of runs(s.points)) {
      if (run.length === 1) {
        const [px, py] = run[0]!;
        parts.push(`<circle cx="${num(x(px))}" cy="${num(y(py))}" r="2.5" fill="${s.color}"/>`);
      } else {
        const d = run.map(([px, py]) => `${num(x(px))},${num(y(py))}`).join(' ');
        parts.push(
          `<polyline class="series" points="${d}" stroke="${s.color}"${dash}><title>${escapeXml(s.name)}</title></polyline>`,
        );
      }
    }
  }
  // Legend: one row under the title, outside the plot, so it never hides a curve.
  let lx = x0;
  for (const s of options.series) {
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    parts.push(
      `<line x1="${lx}" x2="${lx + 20}" y1="32" y2="32" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text class="legend" x="${lx + 26}" y="36">${escapeXml(s.name)}</text>`,
    );
    lx += 40 + 6.5 * s.name.length;
  }
  return `<svg class="chart line-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}">${parts.join('')}</svg>`;
}

/** Splits a series at missing values into runs of finite points. */
function runs(points: readonly (readonly [number, number])[]): (readonly [number, number])[][] {
  const out: (readonly [number, number])[][] = [];
  let current: (readonly [number, number])[] = [];
  for (const p of points) {
    if (Number.isFinite(p[0]) && Number.isFinite(p[1])) current.push(p);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
