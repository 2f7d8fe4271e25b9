// Function transforms in the style of JAX / torch.func: gradients of a scalar function with
// respect to chosen arguments, Hessian-vector products and Hessians, all on top of `gradients`.
import { allocate, DTypeError, formatShape, NablaError, ShapeError, Tensor } from '@nabla/tensor';
import { gradients } from './engine.js';
import { enableGrad } from './grad-mode.js';
import { mul } from './ops/elementwise.js';
import { sum } from './ops/reduce.js';
import { Variable } from './variable.js';

/** What the transformed functions accept for each argument. */
export type Input = Variable | Tensor;

/** A function of Variables returning a Variable (a scalar for `grad`, `hvp` and `hessian`). */
export type Differentiable = (...args: Variable[]) => Variable;

export interface GradOptions {
  /** Which argument(s) to differentiate with respect to (default 0). */
  argnums?: number | readonly number[];
  /**
   * Record the gradient computation so the result can be differentiated again. Defaults to true
   * when any argument is a Variable that requires a gradient (as when `grad` is nested in `grad`),
   * else false.
   */
  createGraph?: boolean;
}

/**
 * `grad(f)` is a function returning the gradient of scalar-valued `f` with respect to argument 0
 * (or the arguments in `argnums`), as Variables of the arguments' shapes.
 *
 * ```ts
 * const df = grad((x) => sum(mul(x, x)));      // d/dx Σx² = 2x
 * df(tensor([1, 2, 3])).toArray();            // [2, 4, 6]
 * const d2f = grad((x) => sum(grad(f)(x)));   // nesting works: gradients of gradients
 * ```
 */
export function grad(
  f: Differentiable,
  options?: GradOptions & { argnums?: number },
): (...args: Input[]) => Variable;
export function grad(
  f: Differentiable,
  options: GradOptions & { argnums: readonly number[] },
): (...args: Input[]) => Variable[];
export function grad(
  f: Differentiable,
  options: GradOptions = {},
): (...args: Input[]) => Variable | Variable[] {
  return (...args) => evaluate('grad', f, options, args)[1];
}

/** Like `grad`, but the function returns `[value, gradient]`, computing `f` once. */
export function valueAndGrad(
  f: Differentiable,
  options?: GradOptions & { argnums?: number },
): (...args: Input[]) => [Variable, Variable];
export function valueAndGrad(
  f: Differentiable,
  options: GradOptions & { argnums: readonly number[] },
): (...args: Input[]) => [Variable, Variable[]];
export function valueAndGrad(
  f: Differentiable,
  options: GradOptions = {},
): (...args: Input[]) => [Variable, Variable | Variable[]] {
  return (...args) => evaluate('valueAndGrad', f, options, args);
}

function evaluate(
  op: string,
  f: Differentiable,
  options: GradOptions,
  args: readonly Input[],
): [Variable, Variable | Variable[]] {
  const argnums = options.argnums ?? 0;
  const list = typeof argnums === 'number' ? [argnums] : Array.from(argnums);
  for (const a of list) {
    if (!Number.isInteger(a) || a < 0 || a >= args.length) {
      throw new NablaError(op, `argnums ${a} is out of range for ${args.length} argument(s)`);
    }
  }
  const nested = args.some((a) => a instanceof Variable && a.requiresGrad);
  const createGraph = options.createGraph ?? nested;
  const vars = args.map((a, i) =>
    list.includes(i) ? differentiable(op, a, i) : a instanceof Variable ? a : new Variable(a),
  );
  const y = enableGrad(() => f(...vars));
  checkScalar(op, y);
  const found = gradients(
    y,
    list.map((i) => vars[i]!),
    { createGraph },
  );
  const value = createGraph ? y : y.detach();
  return [value, typeof argnums === 'number' ? found[0]! : found];
}

/** An argument to differentiate: a Variable that requires gradients as is, else a new leaf. */
function differentiable(op: string, a: Input, i: number): Variable {
  if (a instanceof Variable && a.requiresGrad) return a;
  const data = a instanceof Variable ? a.data : a;
  if (!(data instanceof Tensor)) {
    throw new NablaError(op, `argument ${i} must be a Variable or a Tensor`);
  }
  if (data.dtype === 'int32') {
    throw new DTypeError(
      op,
      `argument ${i} is int32 and cannot be differentiated; use a float dtype`,
    );
  }
  return new Variable(data, true);
}

function checkScalar(op: string, y: unknown): asserts y is Variable {
  if (!(y instanceof Variable)) {
    throw new NablaError(op, 'the function must return a Variable');
  }
  if (y.size !== 1) {
    throw new ShapeError(
      op,
      `the function must return a one-element Variable (a scalar), got shape ${formatShape(y.shape)}; reduce it with sum or mean`,
    );
  }
}

/** A fresh leaf holding `x`'s values. */
function leafOf(op: string, x: Input): Variable {
  const data = x instanceof Variable ? x.data : x;
  if (!(data instanceof Tensor)) throw new NablaError(op, 'x must be a Variable or a Tensor');
  if (data.dtype === 'int32') throw new DTypeError(op, 'x must be float32 or float64');
  return new Variable(data, true);
}

/**
 * The Hessian-vector product `∇²f(x) · v` of a scalar function, without forming the Hessian:
 * the gradient of `⟨∇f(x), v⟩` (double backward). Returns a Tensor of `x`'s shape.
 */
export function hvp(f: (x: Variable) => Variable, x: Input, v: Input): Tensor {
  const xv = leafOf('hvp', x);
  const vt = v instanceof Variable ? v.data : v;
  if (
    !(vt instanceof Tensor) ||
    vt.shape.length !== xv.rank ||
    vt.shape.some((d, i) => d !== xv.shape[i])
  ) {
    throw new ShapeError('hvp', `v must be a Tensor of x's shape ${formatShape(xv.shape)}`);
  }
  return enableGrad(() => {
    const y = f(xv);
    checkScalar('hvp', y);
    const [g] = gradients(y, [xv], { createGraph: true });
    const dot = sum(mul(g!, vt));
    return gradients(dot, [xv])[0]!.data;
  });
}

/**
 * The Hessian of a scalar function at `x`: a Tensor of shape `[...x.shape, ...x.shape]`, one
 * backward through the gradient's graph per element of `x` (so for small inputs).
 */
export function hessian(f: (x: Variable) => Variable, x: Input): Tensor {
  const xv = leafOf('hessian', x);
  const n = xv.size;
  const out = allocate(xv.dtype, n * n);
  enableGrad(() => {
    const y = f(xv);
    checkScalar('hessian', y);
    const [g] = gradients(y, [xv], { createGraph: true });
    if (!g!.requiresGrad) return; // f is linear in x: the Hessian is zero
    for (let i = 0; i < n; i++) {
      const seed = new Tensor(allocate(xv.dtype, n), xv.shape);
      seed.data[i] = 1;
      const [row] = gradients(g!, [xv], { gradOutputs: seed, retainGraph: true });
      out.set(row!.data.data, i * n);
    }
  });
  return new Tensor(out, [...xv.shape, ...xv.shape]);
}

/**
 * The Jacobian of `f` at `x`: a Tensor of shape `[...f(x).shape, ...x.shape]`, one backward per
 * output element.
 */
export function jacobian(f: (x: Variable) => Variable, x: Input): Tensor {
  const xv = leafOf('jacobian', x);
  return enableGrad(() => {
    const y = f(xv);
    if (!(y instanceof Variable))
      throw new NablaError('jacobian', 'the function must return a Variable');
    const m = y.size;
    const n = xv.size;
    const out = allocate(xv.dtype, m * n);
    if (y.requiresGrad) {
      for (let i = 0; i < m; i++) {
        const seed = new Tensor(allocate(y.dtype, m), y.shape);
        seed.data[i] = 1;
        const [row] = gradients(y, [xv], { gradOutputs: seed, retainGraph: i < m - 1 });
        out.set(row!.data.data, i * n);
      }
    }
    return new Tensor(out, [...y.shape, ...xv.shape]);
  });
}
