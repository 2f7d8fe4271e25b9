// The perceptron's picture: the points, the boundary line w·x + b = 0 with its two half-planes,
// the weight vector (normal to the line) and the example that caused the current update.
import type { PerceptronUpdate } from '@nabla/nn';
import { DOMAIN, toCanvas } from '../classify/grid';
import { imageCanvas } from '../shared/canvas';
import { css, diverging, NEGATIVE, POSITIVE, paintValues } from '../shared/colors';
import type { HiddenLayerSolution } from './logic';

export interface PerceptronPicture {
  points: Float32Array;
  targets: Float32Array;
  update: PerceptronUpdate | null;
  solution: HiddenLayerSolution | null;
}

/** The boundary's ends where w₁x + w₂y + b = 0 crosses the square [−d, d]², if it does. */
export function boundarySegment(
  w: readonly number[],
  b: number,
  d = DOMAIN,
): [[number, number], [number, number]] | null {
  const [w1 = 0, w2 = 0] = w;
  const ends: [number, number][] = [];
  if (w2 !== 0) {
    for (const x of [-d, d]) {
      const y = -(w1 * x + b) / w2;
      if (y >= -d && y <= d) ends.push([x, y]);
    }
  }
  if (w1 !== 0) {
    for (const y of [-d, d]) {
      const x = -(w2 * y + b) / w1;
      if (x > -d && x < d) ends.push([x, y]);
    }
  }
  return ends.length >= 2 ? [ends[0]!, ends[1]!] : null;
}

/**
 * The part of the square [−d, d]² where w₁x + w₂y + b ≥ 0, as a polygon: the square's corners
 * on that side, and the points where the line crosses its edges (one step of Sutherland–Hodgman).
 */
export function positiveHalf(w: readonly number[], b: number, d = DOMAIN): [number, number][] {
  const corners: [number, number][] = [
    [-d, d],
    [d, d],
    [d, -d],
    [-d, -d],
  ];
  const f = ([x, y]: [number, number]) => (w[0] ?? 0) * x + (w[1] ?? 0) * y + b;
  const out: [number, number][] = [];
  corners.forEach((p, i) => {
    const q = corners[(i + 1) % 4]!;
    const fp = f(p);
    const fq = f(q);
    if (fp >= 0) out.push(p);
    if (fp >= 0 !== fq >= 0) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  });
  return out;
}

export function drawPerceptron(
  ctx: CanvasRenderingContext2D,
  size: number,
  p: PerceptronPicture,
): void {
  ctx.clearRect(0, 0, size, size);
  const u = p.update;
  if (p.solution !== null) {
    const s = p.solution;
    const image = imageCanvas(s.size, s.size, (px) => paintValues(px, s.output, diverging));
    ctx.globalAlpha = 0.7;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(image, 0, 0, size, size);
    ctx.globalAlpha = 1;
  } else if (u !== null) {
    // Each half-plane in the colour of the class the perceptron gives it.
    ctx.fillStyle = css(diverging(-0.35));
    ctx.fillRect(0, 0, size, size);
    const polygon = positiveHalf(u.weight, u.bias);
    if (polygon.length >= 3) {
      ctx.fillStyle = css(diverging(0.35));
      ctx.beginPath();
      polygon.forEach(([x, y], i) => {
        const [px, py] = toCanvas(x, y, size);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.closePath();
      ctx.fill();
    }
  }

  for (let i = 0; i < p.targets.length; i++) {
    const [x, y] = toCanvas(p.points[2 * i]!, p.points[2 * i + 1]!, size);
    ctx.fillStyle = css(p.targets[i]! >= 0.5 ? POSITIVE : NEGATIVE);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    ctx.arc(x, y, Math.max(4, size / 90), 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  if (u === null || p.solution !== null) return;

  const segment = boundarySegment(u.weight, u.bias);
  if (segment !== null) {
    const [a, b] = segment.map(([x, y]) => toCanvas(x, y, size));
    ctx.strokeStyle = '#1f2630';
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.moveTo(a![0], a![1]);
    ctx.lineTo(b![0], b![1]);
    ctx.stroke();
  }

  // The weight vector from the origin, scaled to stay on the canvas: it points to class 1.
  const norm = Math.hypot(u.weight[0]!, u.weight[1]!);
  if (norm > 0) {
    const len = DOMAIN * 0.35;
    const [ox, oy] = toCanvas(0, 0, size);
    const [tx, ty] = toCanvas((u.weight[0]! / norm) * len, (u.weight[1]! / norm) * len, size);
    arrow(ctx, ox, oy, tx, ty, '#183153');
    ctx.fillStyle = '#183153';
    ctx.font = 'bold 13px system-ui, sans-serif';
    ctx.fillText('w', tx + 6, ty - 6);
  }

  // The example behind this update, ringed in the colour of its true class.
  const [ex, ey] = toCanvas(u.input[0]!, u.input[1]!, size);
  ctx.strokeStyle = '#d62728';
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.arc(ex, ey, Math.max(10, size / 40), 0, 2 * Math.PI);
  ctx.stroke();
}

function arrow(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  color: string,
): void {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 10 * Math.cos(angle - 0.4), y1 - 10 * Math.sin(angle - 0.4));
  ctx.lineTo(x1 - 10 * Math.cos(angle + 0.4), y1 - 10 * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}
