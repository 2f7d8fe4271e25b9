// The output heatmap with the data on top: the Playground's main picture.

import { imageCanvas } from '../shared/canvas';
import { css, diverging, NEGATIVE, POSITIVE, paintValues } from '../shared/colors';
import { DOMAIN, toCanvas } from './grid';
import type { ClassifyData } from './protocol';

export interface BoundaryPicture {
  output: Float32Array | null;
  outputSize: number;
  data: ClassifyData | null;
  showTest: boolean;
  regression: boolean;
}

/** A point's colour: its class (orange 0, blue 1) or its regression target on the same scale. */
export function pointColor(target: number, regression: boolean): string {
  if (regression) return css(diverging(target));
  return css(target >= 0.5 ? POSITIVE : NEGATIVE);
}

export function drawBoundary(
  ctx: CanvasRenderingContext2D,
  size: number,
  p: BoundaryPicture,
): void {
  ctx.clearRect(0, 0, size, size);
  if (p.output !== null) {
    const image = imageCanvas(p.outputSize, p.outputSize, (px) =>
      paintValues(px, p.output!, diverging, 255),
    );
    ctx.imageSmoothingEnabled = true;
    ctx.globalAlpha = 0.75;
    ctx.drawImage(image, 0, 0, size, size);
    ctx.globalAlpha = 1;
  }
  drawAxes(ctx, size);
  if (p.data === null) return;
  const r = Math.max(2.5, size / 140);
  const dots = (points: Float32Array, targets: Float32Array, stroke: string) => {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = 1;
    for (let i = 0; i < targets.length; i++) {
      const [x, y] = toCanvas(points[2 * i]!, points[2 * i + 1]!, size);
      ctx.fillStyle = pointColor(targets[i]!, p.regression);
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  };
  dots(p.data.trainPoints, p.data.trainTargets, 'rgb(255 255 255 / 0.9)');
  if (p.showTest) dots(p.data.testPoints, p.data.testTargets, 'rgb(20 20 20 / 0.9)');
}

function drawAxes(ctx: CanvasRenderingContext2D, size: number): void {
  ctx.strokeStyle = 'rgb(0 0 0 / 0.12)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(size / 2, 0);
  ctx.lineTo(size / 2, size);
  ctx.moveTo(0, size / 2);
  ctx.lineTo(size, size / 2);
  ctx.stroke();
  ctx.fillStyle = 'rgb(0 0 0 / 0.45)';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText(String(-DOMAIN), 3, size / 2 - 2);
  ctx.textAlign = 'right';
  ctx.fillText(String(DOMAIN), size - 3, size / 2 - 2);
}
