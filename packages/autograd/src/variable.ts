import {
  ArgumentError,
  allocate,
  astype,
  type DType,
  DTypeError,
  formatShape,
  type MatmulOptions,
  type NestedArray,
  type ReduceOptions,
  release,
  type Shape,
  ShapeError,
  Tensor,
  type TensorLike,
  tensor,
} from '@nabla/tensor';
import { type BackwardOptions, backward } from './engine.js';
import type { Node, Operand } from './node.js';
import {
  add,
  div,
  exp,
  log,
  mul,
  neg,
  pow,
  relu,
  sigmoid,
  sqrt,
  sub,
  tanh,
} from './ops/elementwise.js';
import { matmul } from './ops/matmul.js';
import { mean, sum } from './ops/reduce.js';
import { reshape, transpose } from './ops/shape.js';

/**
 * A tensor in the computational graph: its value (`data`), whether gradients flow to it
 * (`requiresGrad`), the gradient accumulated by `backward` (`grad`), and, unless it is a leaf,
 * the graph `node` that made it (the op, its inputs and what the op saved for its backward).
 *
 * Ops on Variables record a node only when some input requires a gradient and recording is on
 * (see `noGrad`); everything else is a plain computation. After `backward`, gradients of leaves
 * that require them are in `.grad`, summed over every path and every earlier `backward` until
 * cleared with `v.grad = null`.
 */
export class Variable {
  /** The value. Optimizers may update `data.data` in place; views (`reshape`) see the change. */
  data: Tensor;
  /** The op that made this Variable (`'leaf'` for leaves), kept for error messages and dumps. */
  readonly op: string;
  /** The graph node behind this Variable; `null` for leaves and unrecorded results. */
  node: Node | null = null;

  /** @internal */ _requiresGrad: boolean;
  /** @internal */ _grad: Tensor | null = null;
  /** @internal The differentiable gradient, kept by `backward({ createGraph: true })`. */
  _gradVariable: Variable | null = null;
  /** @internal Whether `_grad` is ours to add into (no one else holds its buffer). */
  _gradOwned = false;
  /**
   * @internal Whether `_grad` has been handed out (by the `grad` getter) since the engine made
   * it. Until then only the engine and optimizers (`peekGrad`) have seen it, so `releaseGrad`
   * may recycle its buffer.
   */
  _gradExposed = false;
  /** @internal Set by `markIntermediate`: nothing outside the graph holds this value. */
  _intermediate = false;
  /** @internal Engine scratch: the gradient gathered so far in a running backward. */
  _pending: unknown = null;
  /** @internal Engine scratch: whether `_pending` may be added into in place. */
  _pendingOwned = false;
  /** @internal Engine scratch: visit stamps of the topological walk and of pruning. */
  _mark = 0;
  /** @internal */ _need = 0;

  /** Prefer `variable(...)`. `data` is wrapped, not copied. */
  constructor(data: Tensor, requiresGrad = false, op = 'leaf') {
    if (requiresGrad && data.dtype === 'int32') throw intGradError(op);
    this.data = data;
    this._requiresGrad = requiresGrad;
    this.op = op;
  }

  /** @internal Makes this Variable the output of a recorded op. */
  attach(node: Node): void {
    this.node = node;
    this._requiresGrad = true;
  }

  /** Whether gradients flow to this Variable. Only leaves can change it; int32 never can. */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }

  set requiresGrad(value: boolean) {
    if (value === this._requiresGrad) return;
    if (this.node !== null) {
      throw new ArgumentError(
        'requiresGrad',
        `can only be changed on leaves; this Variable was made by '${this.op}'. Use detach() for a leaf that shares its data`,
      );
    }
    if (value && this.data.dtype === 'int32') throw intGradError('requiresGrad');
    this._requiresGrad = value;
  }

  /**
   * The gradient accumulated by `backward`, of this Variable's shape and dtype; `null` until a
   * backward reaches it, and always `null` on Variables that do not require gradients. Set it to
   * `null` to clear it (what `optimizer.zeroGrad()` does).
   */
  get grad(): Tensor | null {
    this._gradExposed = true;
    return this._grad;
  }

  set grad(value: Tensor | null) {
    if (value !== null) {
      if (!(value instanceof Tensor)) {
        throw new ArgumentError('grad', 'must be a Tensor or null');
      }
      if (!sameShape(value.shape, this.data.shape)) {
        throw new ShapeError(
          'grad',
          `a gradient of shape ${formatShape(value.shape)} cannot belong to a Variable of shape ${formatShape(this.data.shape)}`,
        );
      }
    }
    this._grad = value;
    this._gradVariable = null;
    this._gradOwned = false;
  }

  /**
   * The gradient as a Variable in the graph, set by `backward(g, { createGraph: true })` so it can
   * itself be differentiated (gradients of gradients); `null` otherwise.
   */
  get gradVariable(): Variable | null {
    this._gradExposed = true;
    return this._gradVariable;
  }

  /** True for Variables no recorded op made: parameters, inputs, constants, detached values. */
  get isLeaf(): boolean {
    return this.node === null;
  }

  get shape(): Shape {
    return this.data.shape;
  }

  get dtype(): DType {
    return this.data.dtype;
  }

  get size(): number {
    return this.data.size;
  }

  get rank(): number {
    return this.data.shape.length;
  }

  /**
   * Backpropagates from this Variable: every leaf that requires a gradient gets d(this)/d(leaf)
   * added into its `.grad`. A one-element Variable (a loss) needs no argument; any other needs
   * `grad`, the gradient of some scalar with respect to this Variable (same shape).
   *
   * - `retainGraph`: keep the graph for another backward (default: freed, as in PyTorch).
   * - `createGraph`: record the backward itself, so the gradients (see `gradVariable`) can be
   *   differentiated again; implies `retainGraph`.
   */
  backward(grad?: Tensor | Variable | number, options: BackwardOptions = {}): void {
    backward(this, grad, options);
  }

  /** A leaf sharing this Variable's data, cut from the graph: gradients stop here. */
  detach(): Variable {
    return new Variable(this.data, false, 'leaf');
  }

  /** The single value of a one-element Variable. */
  item(): number {
    return this.data.item();
  }

  toArray(): NestedArray {
    return this.data.toArray();
  }

  toString(): string {
    const flag = this._requiresGrad ? `, requiresGrad, op=${this.op}` : '';
    return `variable(${this.data.toString()}${flag})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // The fluent subset: each method is the free function of the same name.
  add(other: Operand): Variable {
    return add(this, other);
  }
  sub(other: Operand): Variable {
    return sub(this, other);
  }
  mul(other: Operand): Variable {
    return mul(this, other);
  }
  div(other: Operand): Variable {
    return div(this, other);
  }
  pow(exponent: Operand): Variable {
    return pow(this, exponent);
  }
  neg(): Variable {
    return neg(this);
  }
  exp(): Variable {
    return exp(this);
  }
  log(): Variable {
    return log(this);
  }
  sqrt(): Variable {
    return sqrt(this);
  }
  tanh(): Variable {
    return tanh(this);
  }
  sigmoid(): Variable {
    return sigmoid(this);
  }
  relu(): Variable {
    return relu(this);
  }
  matmul(other: Variable | Tensor, options?: MatmulOptions): Variable {
    return matmul(this, other, options);
  }
  sum(options?: ReduceOptions): Variable {
    return sum(this, options);
  }
  mean(options?: ReduceOptions): Variable {
    return mean(this, options);
  }
  reshape(shape: Shape): Variable {
    return reshape(this, shape);
  }
  transpose(dims?: readonly number[]): Variable {
    return transpose(this, dims);
  }
}

export interface VariableOptions {
  /** Whether gradients flow to it (default false). Only float dtypes may require gradients. */
  requiresGrad?: boolean;
  /** Element type; by default a Tensor's own dtype, and float32 for numbers and arrays. */
  dtype?: DType;
}

/**
 * A leaf Variable from a number, nested arrays, a typed array or a Tensor. A Tensor of the
 * requested dtype is wrapped without copying (parameters wrap their tensors this way); anything
 * else is copied into a new tensor.
 *
 * ```ts
 * const w = variable([[0.5, -1], [2, 0]], { requiresGrad: true, dtype: 'float64' });
 * ```
 */
export function variable(values: TensorLike | Variable, options: VariableOptions = {}): Variable {
  const requiresGrad = options.requiresGrad ?? false;
  const source = values instanceof Variable ? values.data : values;
  let data: Tensor;
  if (source instanceof Tensor) {
    data =
      options.dtype === undefined || options.dtype === source.dtype
        ? source
        : astype(source, options.dtype);
  } else {
    data = tensor(source, { dtype: options.dtype });
  }
  if (requiresGrad && data.dtype === 'int32') throw intGradError('variable');
  return new Variable(data, requiresGrad, 'leaf');
}

/** A 0-d constant (PyTorch's treatment of a Python scalar next to a tensor). */
export function constantScalar(value: number, like: DType): Variable {
  const dtype = like === 'int32' && !Number.isInteger(value) ? 'float32' : like;
  const data = allocate(dtype, 1);
  data[0] = value;
  return new Variable(new Tensor(data, []), false, 'constant');
}

/**
 * `v.grad` for code that reads the gradient and lets go of it within the call, as an
 * optimizer's update does: unlike the `grad` getter it does not count as handing the gradient
 * out, so `releaseGrad` can still recycle the buffer.
 */
export function peekGrad(v: Variable): Tensor | null {
  return v._grad;
}

/**
 * `v.grad = null`, recycling the gradient's buffer for the next backward when nothing outside
 * the engine can hold it (it was never read through `v.grad`). An optimizer's `zeroGrad` calls
 * this, so a training loop reuses its gradient memory instead of allocating it every step.
 */
export function releaseGrad(v: Variable): void {
  const g = v._grad;
  if (g !== null && v._gradOwned && !v._gradExposed && v._gradVariable === null) release(g);
  v._grad = null;
  v._gradVariable = null;
  v._gradOwned = false;
}

/**
 * Declares that no code outside the graph holds `v` or any view of its data: only the ops that
 * consumed it do. Once a backward has run through all of them and freed the graph (no
 * `retainGraph`, no `createGraph`), `v`'s buffer is recycled for later ops. `Sequential` marks the
 * activations passed between its built-in layers this way, so a training step reuses their
 * memory. Marking a value that something else still reads corrupts it: use with care.
 */
export function markIntermediate(v: Variable): void {
  if (v.node !== null) v._intermediate = true;
}

function intGradError(op: string): DTypeError {
  return new DTypeError(
    op,
    "int32 values cannot require gradients (gradients are defined for floats only); use dtype 'float32' or 'float64'",
  );
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
