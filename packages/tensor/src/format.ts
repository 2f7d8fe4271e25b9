import type { Tensor } from './tensor.js';

/** Above this many elements, printing shows the first and last `EDGE` entries of each axis. */
const SUMMARY_THRESHOLD = 1000;
const EDGE = 3;

/**
 * Prints like NumPy and PyTorch: nested brackets, columns aligned, large tensors summarised
 * with `...`, and the dtype when it is not the default.
 */
export function formatTensor(t: Tensor): string {
  if (t.size === 0) {
    const suffix = t.dtype === 'float32' ? '' : `, dtype=${t.dtype}`;
    return `tensor([], shape=[${t.shape.join(', ')}]${suffix})`;
  }
  const summarise = t.size > SUMMARY_THRESHOLD;
  const isInt = t.dtype === 'int32';
  const values: number[] = [];
  collect(t, summarise, values);
  const useExp =
    !isInt &&
    values.some((v) => Number.isFinite(v) && v !== 0 && (Math.abs(v) >= 1e8 || Math.abs(v) < 1e-4));
  const allIntegral = values.every((v) => !Number.isFinite(v) || Number.isInteger(v));
  const fmt = (v: number): string => {
    if (isInt) return String(v);
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    // PyTorch's forms: `1.5000e+00`, `-0.`, `0.1235` (two-digit exponents, the sign of zero kept).
    if (useExp) return v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
    const sign = Object.is(v, -0) ? '-' : '';
    if (allIntegral) return `${sign}${v}.`;
    return `${sign}${v.toFixed(4)}`;
  };
  const width = values.reduce((w, v) => Math.max(w, fmt(v).length), 1);
  const cell = (v: number) => fmt(v).padStart(width);

  const body = render(t, 0, 0, cell, summarise, 'tensor('.length);
  const suffix = t.dtype === 'float32' ? '' : `, dtype=${t.dtype}`;
  const shape = summarise ? `, shape=[${t.shape.join(', ')}]` : '';
  return `tensor(${body}${shape}${suffix})`;
}

function shown(n: number, summarise: boolean): number[] {
  if (!summarise || n <= 2 * EDGE) return Array.from({ length: n }, (_, i) => i);
  return [0, 1, 2, -1, n - 3, n - 2, n - 1];
}

function collect(t: Tensor, summarise: boolean, out: number[]): void {
  const walk = (axis: number, offset: number, stride: number) => {
    if (axis === t.rank) {
      out.push(t.data[offset]!);
      return;
    }
    const n = t.shape[axis]!;
    const inner = stride / (n || 1);
    for (const i of shown(n, summarise)) if (i >= 0) walk(axis + 1, offset + i * inner, inner);
  };
  walk(0, 0, t.size);
}

function render(
  t: Tensor,
  axis: number,
  offset: number,
  cell: (v: number) => string,
  summarise: boolean,
  indent: number,
): string {
  if (t.rank === 0) return cell(t.data[0]!);
  const n = t.shape[axis]!;
  const stride = t.size === 0 ? 0 : sizeAfter(t, axis);
  const parts: string[] = [];
  for (const i of shown(n, summarise)) {
    if (i < 0) {
      parts.push('...');
    } else if (axis === t.rank - 1) {
      parts.push(cell(t.data[offset + i]!));
    } else {
      parts.push(render(t, axis + 1, offset + i * stride, cell, summarise, indent + 1));
    }
  }
  if (axis === t.rank - 1) return `[${parts.join(', ')}]`;
  const newlines = '\n'.repeat(t.rank - axis - 1);
  return `[${parts.join(`,${newlines}${' '.repeat(indent + 1)}`)}]`;
}

function sizeAfter(t: Tensor, axis: number): number {
  let s = 1;
  for (let i = axis + 1; i < t.rank; i++) s *= t.shape[i]!;
  return s;
}
