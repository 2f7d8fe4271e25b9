import type { LinearArgs, MatmulArgs } from './types.js';

/**
 * Matrix product in plain TypeScript, the oracle for faster kernels and the fallback where
 * WebAssembly SIMD is missing.
 *
 * A is read through (row, column) strides, so `transA` costs nothing. When B's rows are
 * contiguous (no `transB`) the loop is i-k-j and each loaded B value updates four output rows at
 * once: one load, four multiply-adds, about twice the speed of a plain i-k-j loop. With `transB`,
 * B's rows are the columns we need, so the loop computes four dot products at a time instead.
 */
export function matmulJs({
  a,
  aOffset,
  b,
  bOffset,
  out,
  outOffset,
  m,
  k,
  n,
  transA,
  transB,
}: MatmulArgs): void {
  const aRow = transA ? 1 : k;
  const aCol = transA ? m : 1;
  if (!transB) productRowsOfB(a, aOffset, aRow, aCol, b, bOffset, out, outOffset, m, k, n);
  else productDots(a, aOffset, aRow, aCol, b, bOffset, out, outOffset, m, k, n);
}

type Float = Float32Array | Float64Array;

function productRowsOfB(
  a: Float,
  aOff: number,
  aRow: number,
  aCol: number,
  b: Float,
  bOff: number,
  out: Float,
  outOff: number,
  m: number,
  k: number,
  n: number,
): void {
  out.fill(0, outOff, outOff + m * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const o0 = outOff + i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let p = 0; p < k; p++) {
      const ap = aOff + i * aRow + p * aCol;
      const a0 = a[ap]!;
      const a1 = a[ap + aRow]!;
      const a2 = a[ap + 2 * aRow]!;
      const a3 = a[ap + 3 * aRow]!;
      const bp = bOff + p * n;
      for (let j = 0; j < n; j++) {
        const bv = b[bp + j]!;
        out[o0 + j]! += a0 * bv;
        out[o1 + j]! += a1 * bv;
        out[o2 + j]! += a2 * bv;
        out[o3 + j]! += a3 * bv;
      }
    }
  }
  for (; i < m; i++) {
    const o = outOff + i * n;
    for (let p = 0; p < k; p++) {
      const av = a[aOff + i * aRow + p * aCol]!;
      const bp = bOff + p * n;
      for (let j = 0; j < n; j++) out[o + j]! += av * b[bp + j]!;
    }
  }
}

function productDots(
  a: Float,
  aOff: number,
  aRow: number,
  aCol: number,
  b: Float,
  bOff: number,
  out: Float,
  outOff: number,
  m: number,
  k: number,
  n: number,
): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = aOff + i * aRow;
    const r1 = r0 + aRow;
    const r2 = r1 + aRow;
    const r3 = r2 + aRow;
    for (let j = 0; j < n; j++) {
      const bj = bOff + j * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const bv = b[bj + p]!;
        const q = p * aCol;
        s0 += a[r0 + q]! * bv;
        s1 += a[r1 + q]! * bv;
        s2 += a[r2 + q]! * bv;
        s3 += a[r3 + q]! * bv;
      }
      const o = outOff + i * n + j;
      out[o] = s0;
      out[o + n] = s1;
      out[o + 2 * n] = s2;
      out[o + 3 * n] = s3;
    }
  }
  for (; i < m; i++) {
    const r = aOff + i * aRow;
    for (let j = 0; j < n; j++) {
      const bj = bOff + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[r + p * aCol]! * b[bj + p]!;
      out[outOff + i * n + j] = s;
    }
  }
}

/** `matmulJs`, then the bias added to every row. */
export function linearJs(args: LinearArgs): void {
  matmulJs(args);
  const { bias, out, outOffset, m, n } = args;
  if (bias === null) return;
  for (let i = 0; i < m; i++) {
    const row = outOffset + i * n;
    for (let j = 0; j < n; j++) out[row + j] = out[row + j]! + bias[j]!;
  }
}

/** The textbook triple loop: the reference every matmul kernel is tested against. */
export function matmulNaive({
  a,
  aOffset,
  b,
  bOffset,
  out,
  outOffset,
  m,
  k,
  n,
  transA,
  transB,
}: MatmulArgs): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[aOffset + p * m + i]! : a[aOffset + i * k + p]!;
        const bv = transB ? b[bOffset + j * k + p]! : b[bOffset + p * n + j]!;
        s += av * bv;
      }
      out[outOffset + i * n + j] = s;
    }
  }
}
