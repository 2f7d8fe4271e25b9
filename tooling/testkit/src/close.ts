import { type NestedArray, Tensor } from '@nabla/tensor';

/** What `expectAllClose` compares: a tensor, nested arrays, a flat typed array or a number. */
export type Numeric = Tensor | NestedArray | ArrayLike<number>;

export interface AllCloseOptions {
  /** Relative tolerance, default 1e-5 (as in `torch.allclose`). */
  rtol?: number;
  /** Absolute tolerance, default 1e-8. */
  atol?: number;
  /** Whether NaN equals NaN, default true. */
  equalNan?: boolean;
}

/**
 * Asserts `|actual − expected| <= atol + rtol·|expected|` elementwise (infinities must match
 * exactly), and that shapes agree where both sides have one (a flat typed array only fixes the
 * size). On failure the message names how many elements differ and the worst one, by index.
 */
export function expectAllClose(
  actual: Numeric,
  expected: Numeric,
  options: AllCloseOptions = {},
): void {
  const { rtol = 1e-5, atol = 1e-8, equalNan = true } = options;
  const a = flatten(actual);
  const e = flatten(expected);
  if (a.shape !== null && e.shape !== null && !sameShape(a.shape, e.shape)) {
    throw new Error(
      `expectAllClose: shape ${show(a.shape)} differs from expected ${show(e.shape)}`,
    );
  }
  if (a.values.length !== e.values.length) {
    throw new Error(
      `expectAllClose: ${a.values.length} values differ in number from the expected ${e.values.length}`,
    );
  }
  let bad = 0;
  let worst = -1;
  let worstExcess = -1;
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i]!;
    const y = e.values[i]!;
    const excess = mismatch(x, y, rtol, atol, equalNan);
    if (excess > 0) {
      bad++;
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
  }
  if (bad > 0) {
    const shape = a.shape ?? e.shape ?? [a.values.length];
    const x = a.values[worst]!;
    const y = e.values[worst]!;
    throw new Error(
      `expectAllClose: ${bad} of ${a.values.length} values differ (rtol ${rtol}, atol ${atol}); ` +
        `worst at ${show(unravel(worst, shape))}: actual ${x}, expected ${y}, |diff| ${Math.abs(x - y)}`,
    );
  }
}

/** How far `x` is outside the tolerance around `y` (> 0 means a mismatch; Infinity for NaN/inf). */
function mismatch(x: number, y: number, rtol: number, atol: number, equalNan: boolean): number {
  if (Number.isNaN(x) || Number.isNaN(y)) {
    return Number.isNaN(x) && Number.isNaN(y) && equalNan ? 0 : Number.POSITIVE_INFINITY;
  }
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(x - y) - (atol + rtol * Math.abs(y));
}

interface Flat {
  values: ArrayLike<number>;
  /** null for a flat typed array, which fixes only the size. */
  shape: readonly number[] | null;
}

function flatten(value: Numeric): Flat {
  if (value instanceof Tensor) return { values: value.data, shape: value.shape };
  if (typeof value === 'number') return { values: [value], shape: [] };
  if (Array.isArray(value)) {
    const shape: number[] = [];
    let level: unknown = value;
    while (Array.isArray(level)) {
      shape.push(level.length);
      level = level[0];
    }
    const values: number[] = [];
    const walk = (node: unknown, depth: number): void => {
      if (depth === shape.length && typeof node === 'number') values.push(node);
      else if (Array.isArray(node) && node.length === shape[depth]) {
        for (const child of node) walk(child, depth + 1);
      } else throw new Error(`expectAllClose: ragged nested array ${JSON.stringify(value)}`);
    };
    walk(value, 0);
    return { values, shape };
  }
  return { values: value as ArrayLike<number>, shape: null };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    index[i] = d === 0 ? 0 : flat % d;
    flat = d === 0 ? 0 : Math.floor(flat / d);
  }
  return index;
}

function show(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
