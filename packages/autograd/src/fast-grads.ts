// Fused loops for the `fast` backwards of the ops that dominate a training step: each computes
// in one pass and one new buffer what the op's reference backward builds from two to four
// tensor ops (and as many temporaries). They work on contiguous tensors of one dtype.
import { allocateUninitialized, type FloatArray, kernels, type Shape, Tensor } from '@nabla/tensor';

function like(x: Tensor, shape: Shape = x.shape): { out: FloatArray; tensor: Tensor } {
  const out = allocateUninitialized(x.dtype, x.size) as FloatArray;
  return { out, tensor: new Tensor(out, shape) };
}

/** `g · (1 − y²)`: tanh's gradient from its output `y`. */
export function tanhGrad(g: Tensor, y: Tensor): Tensor {
  const { out, tensor } = like(y);
  const gd = g.data;
  const yd = y.data;
  for (let i = 0; i < out.length; i++) {
    const v = yd[i]!;
    out[i] = gd[i]! * (1 - v * v);
  }
  return tensor;
}

/** `g · y · (1 − y)`: the sigmoid's gradient from its output `y`. */
export function sigmoidGrad(g: Tensor, y: Tensor): Tensor {
  const { out, tensor } = like(y);
  const gd = g.data;
  const yd = y.data;
  for (let i = 0; i < out.length; i++) {
    const v = yd[i]!;
    out[i] = gd[i]! * v * (1 - v);
  }
  return tensor;
}

/** `x > 0 ? g : 0`: ReLU's gradient from its input `x` (0 at 0, as in PyTorch). */
export function reluGrad(g: Tensor, x: Tensor): Tensor {
  const { out, tensor } = like(x);
  // A kernel of @nabla/tensor's backend: in WebAssembly for large float32 layers.
  kernels().reluGrad(x.data as FloatArray, g.data as FloatArray, out);
  return tensor;
}

/** Float64 accumulators for `columnSums`, grown as needed and kept (a bias is small). */
let acc = new Float64Array(256);

/** Sums `[rows, cols]` over its rows into `shape` (`[cols]`): a bias gradient. */
export function columnSums(g: Tensor, rows: number, cols: number, shape: Shape): Tensor {
  if (acc.length < cols) acc = new Float64Array(cols);
  // A local, so the loops read the array without going through the module's binding.
  const sums = acc;
  // Accumulates in float64, as @nabla/tensor's sum does, whatever the dtype.
  sums.fill(0, 0, cols);
  const d = g.data;
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) sums[j] = sums[j]! + d[row + j]!;
  }
  const out = allocateUninitialized(g.dtype, cols) as FloatArray;
  for (let j = 0; j < cols; j++) out[j] = sums[j]!;
  return new Tensor(out, shape);
}
