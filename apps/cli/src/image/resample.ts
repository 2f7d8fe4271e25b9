// Area resampling: each output pixel is the mean of the input area it covers, pixels cut by
// its edges counted by the share inside. It is the anti-aliased box filter of MNIST's own
// size normalisation, works for shrinking and enlarging alike, and conserves total ink.

/** Weights taking `n` input cells to `m` output cells over the same length. */
function areaWeights(n: number, m: number): { from: number; to: number; weights: number[] }[] {
  const scale = n / m;
  return Array.from({ length: m }, (_, o) => {
    const start = o * scale;
    const end = (o + 1) * scale;
    const from = Math.floor(start);
    const to = Math.min(n, Math.ceil(end));
    const weights: number[] = [];
    for (let i = from; i < to; i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      weights.push(overlap / scale);
    }
    return { from, to, weights };
  });
}

/** Resamples a row-major `width` × `height` image to `newWidth` × `newHeight`. */
export function resampleArea(
  pixels: Float32Array,
  width: number,
  height: number,
  newWidth: number,
  newHeight: number,
): Float32Array {
  // Separable: rows first, then columns.
  const across = areaWeights(width, newWidth);
  const rows = new Float32Array(newWidth * height);
  for (let y = 0; y < height; y++) {
    across.forEach(({ from, weights }, x) => {
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k]! * pixels[y * width + from + k]!;
      rows[y * newWidth + x] = sum;
    });
  }
  const down = areaWeights(height, newHeight);
  const out = new Float32Array(newWidth * newHeight);
  down.forEach(({ from, weights }, y) => {
    for (let x = 0; x < newWidth; x++) {
      let sum = 0;
      for (let k = 0; k < weights.length; k++)
        sum += weights[k]! * rows[(from + k) * newWidth + x]!;
      out[y * newWidth + x] = sum;
    }
  });
  return out;
}
