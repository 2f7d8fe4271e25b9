// The network as the lecture draws it: columns of units, each showing what it computes over the
// plane as a small heatmap, joined by links coloured by the sign of the weight (blue positive,
// orange negative) and as thick as it is large.
import { imageCanvas } from '../shared/canvas';
import { css, diverging, paintValues } from '../shared/colors';

export interface NetworkPicture {
  /** Per column (inputs, hidden layers, output): each unit's heatmap, `size`² values. */
  columns: { label: string; maps: Float32Array[] }[];
  mapSize: number;
  /** Per Linear layer, [out, in] row-major. */
  weights: Float32Array[];
}

/** Where unit `u` of column `c` sits, for `n` columns of `units` units on a width × height canvas. */
export function unitCentre(
  c: number,
  n: number,
  u: number,
  units: number,
  width: number,
  height: number,
  box: number,
): [number, number] {
  const x = ((c + 0.5) / n) * width;
  const gap = Math.min(box * 1.45, (height - 24) / Math.max(units, 1));
  const top = 24 + (height - 24 - gap * units) / 2;
  return [x, top + gap * (u + 0.5)];
}

export function nodeBox(n: number, width: number, height: number, maxUnits: number): number {
  return Math.max(
    18,
    Math.min(44, (width / n) * 0.5, ((height - 24) / Math.max(maxUnits, 1)) * 0.7),
  );
}

export function drawNetwork(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  p: NetworkPicture,
): void {
  ctx.clearRect(0, 0, width, height);
  const n = p.columns.length;
  const maxUnits = Math.max(...p.columns.map((c) => c.maps.length));
  const box = nodeBox(n, width, height, maxUnits);
  const centre = (c: number, u: number) =>
    unitCentre(c, n, u, p.columns[c]!.maps.length, width, height, box);

  // Links first, under the units; weights scaled by the largest in the network.
  let largest = 1e-6;
  for (const w of p.weights) for (const v of w) largest = Math.max(largest, Math.abs(v));
  p.weights.forEach((w, layer) => {
    const ins = p.columns[layer]?.maps.length ?? 0;
    const outs = p.columns[layer + 1]?.maps.length ?? 0;
    for (let o = 0; o < outs; o++) {
      for (let i = 0; i < ins; i++) {
        const v = w[o * ins + i] ?? 0;
        const [x0, y0] = centre(layer, i);
        const [x1, y1] = centre(layer + 1, o);
        const a = Math.abs(v) / largest;
        ctx.strokeStyle = css(diverging(v / largest), 0.35 + 0.6 * a);
        ctx.lineWidth = 0.5 + 5 * a;
        ctx.beginPath();
        ctx.moveTo(x0 + box / 2, y0);
        const mid = (x0 + x1) / 2;
        ctx.bezierCurveTo(mid, y0, mid, y1, x1 - box / 2, y1);
        ctx.stroke();
      }
    }
  });

  // Units: their heatmaps in a frame, and the column titles.
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  p.columns.forEach((column, c) => {
    ctx.fillStyle = '#39414b';
    ctx.fillText(column.label, ((c + 0.5) / n) * width, 4);
    column.maps.forEach((map, u) => {
      const [x, y] = centre(c, u);
      const image = imageCanvas(p.mapSize, p.mapSize, (px) => paintValues(px, map, diverging));
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(image, x - box / 2, y - box / 2, box, box);
      ctx.strokeStyle = '#5b6470';
      ctx.lineWidth = 1;
      ctx.strokeRect(x - box / 2, y - box / 2, box, box);
    });
  });
}
