// Where the 2-D pictures sample the plane: the Playground's square [−6, 6]², row 0 at the top.

export const DOMAIN = 6;

/** Points [size², 2] of a size × size grid over the domain, row by row from the top. */
export function gridPoints(size: number, domain = DOMAIN): Float32Array {
  const out = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      out[2 * i] = -domain + ((col + 0.5) / size) * 2 * domain;
      out[2 * i + 1] = domain - ((row + 0.5) / size) * 2 * domain;
    }
  }
  return out;
}

/**
 * Lines of the input plane (`count` horizontal and `count` vertical, `samples` points each),
 * for showing how a hidden layer bends the plane: line k's points are rows k·samples … of the
 * result.
 */
export function gridLines(count: number, samples: number, domain = DOMAIN): Float32Array {
  const out = new Float32Array(2 * count * samples * 2);
  let i = 0;
  for (let dir = 0; dir < 2; dir++) {
    for (let k = 0; k < count; k++) {
      const fixed = -domain + (k / (count - 1)) * 2 * domain;
      for (let s = 0; s < samples; s++) {
        const moving = -domain + (s / (samples - 1)) * 2 * domain;
        out[i++] = dir === 0 ? moving : fixed;
        out[i++] = dir === 0 ? fixed : moving;
      }
    }
  }
  return out;
}

/** A data point's place on a canvas of `size` CSS pixels showing the domain. */
export function toCanvas(x: number, y: number, size: number, domain = DOMAIN): [number, number] {
  return [((x + domain) / (2 * domain)) * size, ((domain - y) / (2 * domain)) * size];
}
