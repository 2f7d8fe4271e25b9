// The transformed space: the data and the plane's grid lines as one hidden layer sees them,
// through two of its units. Layer by layer the classes come apart: the lecture's "untangling".
import { extent, formatNumber } from '../shared/scale';
import { pointColor } from './draw-boundary';

export interface SpacePicture {
  points: Float32Array;
  targets: Float32Array;
  lines: Float32Array;
  lineCount: number;
  lineSamples: number;
  regression: boolean;
  xLabel: string;
  yLabel: string;
}

export function drawSpace(ctx: CanvasRenderingContext2D, size: number, p: SpacePicture): void {
  ctx.clearRect(0, 0, size, size);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < p.points.length; i += 2) {
    xs.push(p.points[i]!);
    ys.push(p.points[i + 1]!);
  }
  const ex = extent(xs) ?? { min: -1, max: 1 };
  const ey = extent(ys) ?? { min: -1, max: 1 };
  const pad = 16;
  const px = (v: number) => pad + ((v - ex.min) / (ex.max - ex.min)) * (size - 2 * pad);
  const py = (v: number) => size - pad - ((v - ey.min) / (ey.max - ey.min)) * (size - 2 * pad);

  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgb(90 100 112 / 0.35)';
  const perLine = p.lineSamples * 2;
  for (let l = 0; l < 2 * p.lineCount; l++) {
    ctx.beginPath();
    for (let s = 0; s < p.lineSamples; s++) {
      const x = px(p.lines[l * perLine + 2 * s]!);
      const y = py(p.lines[l * perLine + 2 * s + 1]!);
      if (s === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }

  ctx.strokeStyle = 'rgb(255 255 255 / 0.8)';
  for (let i = 0; i < p.targets.length; i++) {
    ctx.fillStyle = pointColor(p.targets[i]!, p.regression);
    ctx.beginPath();
    ctx.arc(px(p.points[2 * i]!), py(p.points[2 * i + 1]!), 2.6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }

  ctx.fillStyle = '#5b6470';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(
    `${p.xLabel}  (${formatNumber(ex.min, 2)} … ${formatNumber(ex.max, 2)})`,
    size / 2,
    size - 1,
  );
  ctx.save();
  ctx.translate(10, size / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(`${p.yLabel}  (${formatNumber(ey.min, 2)} … ${formatNumber(ey.max, 2)})`, 0, 0);
  ctx.restore();
}
