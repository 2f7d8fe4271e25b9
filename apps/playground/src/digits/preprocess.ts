// A drawing to an MNIST input, the way MNIST's digits were made: the ink's bounding box scaled
// so its longer side is 20 pixels, then placed in a 28 × 28 image with its centre of mass in
// the middle. Without this, a digit drawn small or off-centre looks like nothing in the data.

export const SIDE = 28;
const BOX = 20;

/**
 * `ink` is `width` × `height` intensities in [0, 1] (row-major); returns 784 intensities in
 * [0, 1], or null when nothing is drawn.
 */
export function toMnist(
  ink: ArrayLike<number>,
  width: number,
  height: number,
): Float32Array | null {
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (ink[r * width + c]! > 0.05) {
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
  }
  if (bottom < 0) return null;
  const w = right - left + 1;
  const h = bottom - top + 1;
  const scale = BOX / Math.max(w, h);
  const tw = Math.max(1, Math.round(w * scale));
  const th = Math.max(1, Math.round(h * scale));

  // Box-filter down (area averaging); a drawing smaller than the box is sampled instead.
  const small = new Float32Array(tw * th);
  if (scale <= 1) {
    const count = new Float32Array(tw * th);
    for (let r = top; r <= bottom; r++) {
      const tr = Math.min(th - 1, Math.floor((r - top) * scale));
      for (let c = left; c <= right; c++) {
        const tc = Math.min(tw - 1, Math.floor((c - left) * scale));
        small[tr * tw + tc]! += ink[r * width + c]!;
        count[tr * tw + tc]! += 1;
      }
    }
    for (let i = 0; i < small.length; i++) small[i] = count[i]! > 0 ? small[i]! / count[i]! : 0;
  } else {
    for (let tr = 0; tr < th; tr++) {
      for (let tc = 0; tc < tw; tc++) {
        const r = top + Math.min(h - 1, Math.floor((tr + 0.5) / scale));
        const c = left + Math.min(w - 1, Math.floor((tc + 0.5) / scale));
        small[tr * tw + tc] = ink[r * width + c]!;
      }
    }
  }

  // Centre of mass of the scaled digit, moved to the image centre.
  let mass = 0;
  let mr = 0;
  let mc = 0;
  for (let r = 0; r < th; r++) {
    for (let c = 0; c < tw; c++) {
      const v = small[r * tw + c]!;
      mass += v;
      mr += v * (r + 0.5);
      mc += v * (c + 0.5);
    }
  }
  const dr = Math.round(SIDE / 2 - (mass > 0 ? mr / mass : th / 2));
  const dc = Math.round(SIDE / 2 - (mass > 0 ? mc / mass : tw / 2));
  const out = new Float32Array(SIDE * SIDE);
  for (let r = 0; r < th; r++) {
    for (let c = 0; c < tw; c++) {
      const R = r + dr;
      const C = c + dc;
      if (R >= 0 && R < SIDE && C >= 0 && C < SIDE)
        out[R * SIDE + C] = Math.min(1, small[r * tw + c]!);
    }
  }
  return out;
}
