// `linear`, alone or with its layer's activation: one node for what a dense layer computes.
import * as raw from '@nabla/tensor';
import { ArgumentError, formatShape, ShapeError, type Tensor } from '@nabla/tensor';
import { columnSums, reluGrad, sigmoidGrad, tanhGrad } from '../fast-grads.js';
import {
  checkFloatMix,
  type Grads,
  type Node,
  type OpDef,
  operand,
  recording,
  recordingAny,
  result,
} from '../node.js';
import type { Variable } from '../variable.js';
import type { Ops } from './ops.js';

/** An activation `linear` can apply to its result in the same op. */
export type LinearActivation = 'relu' | 'tanh' | 'sigmoid';

export interface LinearOptions {
  /**
   * Apply this activation to the result, in place, as part of the op: `tanh(x·wᵀ + b)` is then
   * one graph node instead of two, with the same values and gradients. `nn.Sequential` uses it
   * for a `Linear` followed by a `Tanh`, `ReLU` or `Sigmoid`.
   */
  activation?: LinearActivation;
}

const TRANSPOSE_A = { transposeA: true } as const;
const SUM_ROWS = { axis: 0 } as const;

/** y = x·wᵀ + b: dx = g·w, dw = gᵀ·x, db = Σ g over the batch (batch axes flattened into one). */
function linearBackward<T>(o: Ops<T>, g: T, n: Node<undefined>): Grads<T> {
  const x = n.input(0);
  const w = n.input(1);
  const [outF, inF] = w.shape as [number, number];
  const flat = x.rank !== 2;
  const g2 = flat ? o.reshape(g, [-1, outF]) : g;
  return [
    n.needs(0) ? o.matmul(g, o.lift(w)) : null,
    n.needs(1)
      ? o.matmul(g2, flat ? o.reshape(o.lift(x), [-1, inF]) : o.lift(x), TRANSPOSE_A)
      : null,
    n.inputs.length > 2 && n.needs(2) ? o.sum(g2, SUM_ROWS) : null,
  ];
}

/** `linearBackward` on raw tensors: the products as kernels, the bias gradient in one loop. */
function linearFast(g: Tensor, n: Node<undefined>): Grads<Tensor> {
  const x = n.input(0);
  const w = n.input(1);
  const [outF, inF] = w.shape as [number, number];
  const flat = x.rank !== 2;
  const g2 = flat ? raw.reshape(g, [-1, outF]) : g;
  const b = n.inputs.length > 2 ? n.input(2) : null;
  return [
    n.needs(0) ? raw.matmul(g, w.data) : null,
    n.needs(1) ? raw.matmul(g2, flat ? raw.reshape(x.data, [-1, inF]) : x.data, TRANSPOSE_A) : null,
    b !== null && n.needs(2) ? columnSums(g2, g2.shape[0]!, outF, b.shape) : null,
  ];
}

const LINEAR: OpDef = { name: 'linear', backward: linearBackward, fast: linearFast };

/**
 * A linear op followed by an activation: the gradient is first taken back through the activation
 * (from the node's output, which is the activation's), then through the product. `toPre` is the
 * activation's vector-Jacobian product on the working type, `toPreFast` the same as one loop.
 */
function withActivation(
  name: string,
  toPre: <T>(o: Ops<T>, g: T, n: Node<undefined>) => T,
  toPreFast: (g: Tensor, y: Tensor) => Tensor,
): OpDef {
  return {
    name,
    backward: (o, g, n) => linearBackward(o, toPre(o, g, n), n),
    fast: (g, n) => {
      const pre = toPreFast(g, n.output.data);
      const grads = linearFast(pre, n);
      // The gradient before the activation was this op's own temporary.
      raw.release(pre);
      return grads;
    },
  };
}

// tanh' = 1 − y² and σ' = y·(1 − y), from the output y; relu' = [x > 0] = [y > 0].
const LINEAR_TANH = withActivation(
  'linear+tanh',
  (o, g, n) => {
    const y = o.lift(n.output);
    return o.mul(g, o.sub(1, o.mul(y, y)));
  },
  tanhGrad,
);
const LINEAR_SIGMOID = withActivation(
  'linear+sigmoid',
  (o, g, n) => {
    const y = o.lift(n.output);
    return o.mul(g, o.mul(y, o.sub(1, y)));
  },
  sigmoidGrad,
);
const LINEAR_RELU = withActivation(
  'linear+relu',
  (o, g, n) => o.where(raw.gt(n.output.data, 0), g, 0),
  reluGrad,
);

function opFor(activation: LinearActivation | undefined): OpDef {
  switch (activation) {
    case undefined:
      return LINEAR;
    case 'tanh':
      return LINEAR_TANH;
    case 'sigmoid':
      return LINEAR_SIGMOID;
    case 'relu':
      return LINEAR_RELU;
    default:
      throw new ArgumentError(
        'linear',
        `activation must be 'relu', 'tanh' or 'sigmoid', got ${JSON.stringify(activation)}`,
      );
  }
}

/**
 * `x · wᵀ + b` with `w` shaped `[out, in]` (PyTorch's layout), `x` shaped `[..., in]` and the
 * optional `b` shaped `[out]` (or null). A primitive for speed: one node and one kernel call
 * (@nabla/tensor's `linear`: the transpose read through the product's flag, never materialised,
 * the bias added as the product is written). With `activation`, the activation is applied to
 * the result in place and belongs to the same node.
 */
export function linear(
  x: Variable | Tensor,
  w: Variable | Tensor,
  b?: Variable | Tensor | null,
  options?: LinearOptions,
): Variable {
  const op = 'linear';
  const vx = operand(op, x);
  const vw = operand(op, w);
  checkFloatMix(op, vx, vw);
  if (vw.rank !== 2 || vx.rank < 1 || vx.shape[vx.rank - 1] !== vw.shape[1]) {
    throw new ShapeError(
      op,
      `weight must be [out, in] with in = the last axis of x; got x ${formatShape(vx.shape)} and weight ${formatShape(vw.shape)}`,
    );
  }
  const activation = options?.activation;
  const def = opFor(activation);
  if (b === undefined || b === null) {
    const out = activate(raw.linear(vx.data, vw.data), activation);
    return result(def, out, recording(vx, vw), [vx, vw], undefined);
  }
  const vb = operand(op, b);
  checkFloatMix(op, vw, vb);
  const outF = vw.shape[0]!;
  if (vb.rank !== 1 || vb.shape[0] !== outF) {
    throw new ShapeError(
      op,
      `bias must have shape [${outF}] for weight ${formatShape(vw.shape)}, got ${formatShape(vb.shape)}`,
    );
  }
  // One kernel: the product with the bias added as it is written.
  const out = activate(raw.linear(vx.data, vw.data, vb.data), activation);
  const inputs = [vx, vw, vb];
  return result(def, out, recordingAny(inputs), inputs, undefined);
}

/**
 * Applies the activation's kernel to `out` in place: the values the activation op would compute
 * from it, without a second buffer.
 */
function activate(out: Tensor, activation: LinearActivation | undefined): Tensor {
  if (activation !== undefined) {
    const data = out.data;
    raw.kernels().unary[activation](data, data);
  }
  return out;
}
