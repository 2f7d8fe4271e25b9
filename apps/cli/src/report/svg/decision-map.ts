// A 2-D classifier's decision regions with the test points on top: the plane sampled on a grid,
// each cell coloured by the mix of class colours weighted by the predicted probabilities (so
// the boundary shows as a blend), the points in their true class's colour, the misclassified
// ones ringed in red. The grid is one small PNG inside the SVG, smoothed by the viewer: a rect
// per cell would weigh a hundred times more.
import { encodeRgbPng } from '../../image/png.js';
import { classColor, mixClassesRgb } from './color.js';
import { escapeXml, num } from './escape.js';
import { linearScale, tickLabel } from './scale.js';

export interface DecisionGrid {
  /** The plane covered: [xMin, xMax] × [yMin, yMax]. */
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** Cells per side. */
  readonly resolution: number;
  /** Probabilities, row-major from the top row (largest y): resolution² × classes. */
  readonly probabilities: Float32Array | Float64Array;
  readonly classes: readonly string[];
}

export interface LabelledPoint {
  readonly x: number;
  readonly y: number;
  readonly label: number;
  readonly predicted: number;
}

export function decisionMapSvg(grid: DecisionGrid, points: readonly LabelledPoint[]): string {
  const size = 420;
  const left = 44;
  const top = 12;
  const n = grid.resolution;
  const k = grid.classes.length;
  const sx = linearScale(grid.xRange[0], grid.xRange[1], left, left + size, { nice: false });
  const sy = linearScale(grid.yRange[0], grid.yRange[1], top + size, top, { nice: false });
  const rgb = new Uint8Array(n * n * 3);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = mixClassesRgb(grid.probabilities.subarray(i * k, (i + 1) * k));
    rgb[3 * i] = Math.round(r);
    rgb[3 * i + 1] = Math.round(g);
    rgb[3 * i + 2] = Math.round(b);
  }
  const png = encodeRgbPng(rgb, n, n).toString('base64');
  const parts: string[] = [
    `<image class="regions" x="${left}" y="${top}" width="${size}" height="${size}" preserveAspectRatio="none" href="data:image/png;base64,${png}"/>`,
  ];
  for (const p of points) {
    const wrong = p.label !== p.predicted;
    parts.push(
      `<circle class="point${wrong ? ' wrong' : ''}" cx="${num(sx(p.x))}" cy="${num(sy(p.y))}" r="${wrong ? 4 : 3}" fill="${classColor(p.label)}" stroke="${wrong ? '#d00' : '#fff'}" stroke-width="${wrong ? 1.5 : 0.6}"/>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${size}" height="${size}" fill="none" stroke="#444"/>`,
  );
  for (const t of sx.ticks) {
    parts.push(
      `<text class="tick" x="${num(sx(t))}" y="${top + size + 16}" text-anchor="middle">${escapeXml(tickLabel(t))}</text>`,
    );
  }
  for (const t of sy.ticks) {
    parts.push(
      `<text class="tick" x="${left - 6}" y="${num(sy(t) + 4)}" text-anchor="end">${escapeXml(tickLabel(t))}</text>`,
    );
  }
  const legend = grid.classes
    .map(
      (name, i) =>
        `<circle cx="${left + 8 + 90 * i}" cy="${top + size + 34}" r="4" fill="${classColor(i)}"/><text class="legend" x="${left + 16 + 90 * i}" y="${top + size + 38}">class ${escapeXml(name)}</text>`,
    )
    .join('');
  const width = left + size + 12;
  const height = top + size + 48;
  return `<svg class="chart decision-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="decision boundary">${parts.join('')}${legend}</svg>`;
}
