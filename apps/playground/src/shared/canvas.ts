// Canvas plumbing shared by every picture: crisp drawing on high-density screens.

/**
 * Sizes the canvas's backing store to its CSS size times the device pixel ratio and returns a
 * context whose units are CSS pixels; null when the canvas is not laid out (width 0).
 */
export function fitCanvas(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  const ratio = Math.min(globalThis.devicePixelRatio || 1, 2);
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (width === 0 || height === 0) return null;
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** An offscreen canvas holding `values` painted pixel for pixel, to be scaled onto another. */
export function imageCanvas(
  width: number,
  height: number,
  paint: (pixels: Uint8ClampedArray) => void,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (ctx !== null) {
    const image = ctx.createImageData(width, height);
    paint(image.data);
    ctx.putImageData(image, 0, 0);
  }
  return canvas;
}
