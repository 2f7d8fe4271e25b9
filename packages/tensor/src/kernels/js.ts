import { binaryKernel, stableSigmoid, unaryKernel, whereKernel } from './elementwise.js';
import { linearJs, matmulJs } from './matmul.js';
import { argmaxKernel, argminKernel, maxKernel, minKernel, sumKernel } from './reduce.js';
import { adamJs, reluGradJs } from './training.js';
import type { Kernels } from './types.js';

/** Every kernel in plain TypeScript: the default backend and the oracle for faster ones. */
export const jsKernels: Kernels = {
  name: 'js',
  unary: {
    neg: unaryKernel((x) => -x),
    exp: unaryKernel(Math.exp),
    log: unaryKernel(Math.log),
    log1p: unaryKernel(Math.log1p),
    sqrt: unaryKernel(Math.sqrt),
    abs: unaryKernel(Math.abs),
    sign: unaryKernel(Math.sign),
    tanh: unaryKernel(Math.tanh),
    sigmoid: unaryKernel(stableSigmoid),
    // `x < 0 ? 0 : x` keeps NaN as NaN, like PyTorch.
    relu: unaryKernel((x) => (x < 0 ? 0 : x)),
  },
  binary: {
    add: binaryKernel((a, b) => a + b),
    sub: binaryKernel((a, b) => a - b),
    mul: binaryKernel((a, b) => a * b, Math.imul),
    div: binaryKernel((a, b) => a / b),
    pow: binaryKernel(Math.pow),
    maximum: binaryKernel((a, b) => (a !== a || b !== b ? Number.NaN : a > b ? a : b)),
    minimum: binaryKernel((a, b) => (a !== a || b !== b ? Number.NaN : a < b ? a : b)),
    eq: binaryKernel((a, b) => (a === b ? 1 : 0)),
    ne: binaryKernel((a, b) => (a !== b ? 1 : 0)),
    gt: binaryKernel((a, b) => (a > b ? 1 : 0)),
    ge: binaryKernel((a, b) => (a >= b ? 1 : 0)),
    lt: binaryKernel((a, b) => (a < b ? 1 : 0)),
    le: binaryKernel((a, b) => (a <= b ? 1 : 0)),
  },
  reduce: {
    sum: sumKernel,
    max: maxKernel,
    min: minKernel,
    argmax: argmaxKernel,
    argmin: argminKernel,
  },
  leakyRelu(x, out, slope) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      out[i] = v < 0 ? slope * v : v;
    }
  },
  clamp(x, out, lo, hi) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      out[i] = v < lo ? lo : v > hi ? hi : v;
    }
  },
  where: whereKernel,
  matmul: matmulJs,
  linear: linearJs,
  reluGrad: reluGradJs,
  adam: adamJs,
};
