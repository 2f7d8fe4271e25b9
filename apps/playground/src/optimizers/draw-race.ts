// The race's picture: the surface as shaded contours, and each racer's path up to the current step.
import { imageCanvas } from '../shared/canvas';
import { paintValues, sequential } from '../shared/colors';
import { contourLevels, contourSegments, logShade } from './contours';
import type { Lap } from './race';
import type { Surface } from './surfaces';

export const RACER_COLORS: Record<string, string> = {
  sgd: '#d62728',
  momentum: '#ff7f0e',
  nesterov: '#8c564b',
  adagrad: '#2ca02c',
  rmsprop: '#17becf',
  adam: '#1f77b4',
  newton: '#e377c2',
};

/** The contour map, drawn once per surface onto an offscreen canvas. */
export function contourImage(grid: Float64Array, size: number, pixels: number): HTMLCanvasElement {
  const shade = logShade(grid);
  // A pale version of viridis, so the paths stand out.
  const base = imageCanvas(size, size, (px) =>
    paintValues(px, shade, (t) => {
      const [r, g, b] = sequential(t);
      return [
        Math.round(r * 0.55 + 255 * 0.45),
        Math.round(g * 0.55 + 255 * 0.45),
        Math.round(b * 0.55 + 255 * 0.45),
      ];
    }),
  );
  const canvas = document.createElement('canvas');
  canvas.width = pixels;
  canvas.height = pixels;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return canvas;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(base, 0, 0, pixels, pixels);
  const scale = pixels / size;
  ctx.strokeStyle = 'rgb(40 50 70 / 0.35)';
  ctx.lineWidth = 1;
  for (const level of contourLevels(grid, 14)) {
    const seg = contourSegments(grid, size, level);
    ctx.beginPath();
    for (let i = 0; i < seg.length; i += 4) {
      ctx.moveTo((seg[i]! + 0.5) * scale, (seg[i + 1]! + 0.5) * scale);
      ctx.lineTo((seg[i + 2]! + 0.5) * scale, (seg[i + 3]! + 0.5) * scale);
    }
    ctx.stroke();
  }
  return canvas;
}

export function toPixel(s: Surface, x: number, y: number, size: number): [number, number] {
  return [((x - s.x[0]) / (s.x[1] - s.x[0])) * size, ((s.y[1] - y) / (s.y[1] - s.y[0])) * size];
}

export function fromPixel(s: Surface, px: number, py: number, size: number): [number, number] {
  return [s.x[0] + (px / size) * (s.x[1] - s.x[0]), s.y[1] - (py / size) * (s.y[1] - s.y[0])];
}

export function drawRace(
  ctx: CanvasRenderingContext2D,
  size: number,
  s: Surface,
  background: HTMLCanvasElement | null,
  laps: Lap[],
  step: number,
  start: [number, number],
): void {
  ctx.clearRect(0, 0, size, size);
  if (background !== null) ctx.drawImage(background, 0, 0, size, size);
  if (s.minimum !== null) {
    const [mx, my] = toPixel(s, s.minimum[0], s.minimum[1], size);
    ctx.fillStyle = '#1f2630';
    ctx.font = '18px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('★', mx, my);
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, size, size);
  ctx.clip();
  for (const lap of laps) {
    const n = Math.min(step + 1, lap.path.length / 2);
    ctx.strokeStyle = RACER_COLORS[lap.racer]!;
    ctx.fillStyle = RACER_COLORS[lap.racer]!;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const [x, y] = toPixel(s, lap.path[2 * i]!, lap.path[2 * i + 1]!, size);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    if (n > 0) {
      const [x, y] = toPixel(s, lap.path[2 * (n - 1)]!, lap.path[2 * (n - 1) + 1]!, size);
      ctx.beginPath();
      ctx.arc(x, y, 4.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.2;
      ctx.stroke();
    }
  }
  ctx.restore();
  const [sx, sy] = toPixel(s, start[0], start[1], size);
  ctx.strokeStyle = '#1f2630';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(sx, sy, 6, 0, 2 * Math.PI);
  ctx.stroke();
}
