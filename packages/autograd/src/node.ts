import { ArgumentError, type DType, DTypeError, Tensor } from '@nabla/tensor';
import { isGradEnabled } from './grad-mode.js';
import type { Ops } from './ops/ops.js';
import { constantScalar, Variable } from './variable.js';

/**
 * What one op's backward returns: a gradient per input, in input order, each either of the
 * input's shape or of a shape the input broadcasts to (the engine sums it back, in one place);
 * `null` for an input that gets no gradient. Gradients must be new tensors, or `g` itself or a
 * view of it: never a saved tensor (the engine may add into a gradient it owns).
 */
export type Grads<T> = readonly (T | null)[];

/**
 * An op's definition: its name (the label every node and error message carries) and its
 * vector-Jacobian product, written once against `Ops<T>` so that the same code runs on raw
 * tensors (the default: nothing recorded) and on Variables (`createGraph: true`, for gradients of
 * gradients). `S` is what the forward saves for it beyond the inputs and the output.
 */
export interface OpDef<S = undefined> {
  readonly name: string;
  backward<T>(o: Ops<T>, g: T, node: Node<S>): Grads<T>;
  /**
   * Optional: the same gradients as `backward` on raw tensors, in fused loops that skip its
   * temporaries (an op on a small tensor costs far more in allocation than in arithmetic). Used
   * whenever no graph is recorded; `backward` stays the definition, runs under `createGraph`,
   * and is the oracle the gradient tests hold `fast` to.
   */
  readonly fast?: (g: Tensor, node: Node<S>) => Grads<Tensor>;
  /**
   * Optional: hands back the buffers of what the forward saved, when a backward without
   * `createGraph` frees the node. Only for saved tensors the op made itself and never exposed.
   */
  readonly free?: (saved: S) => void;
}

/**
 * A recorded application of an op: the graph edge from `output` back to `inputs`. Created only
 * when some input requires a gradient and recording is on; dropped by `backward` (`freed`)
 * unless the graph is retained.
 */
export class Node<S = unknown> {
  readonly def: OpDef<S>;
  inputs: readonly Variable[];
  saved: S;
  readonly output: Variable;
  /** Set once backward has run through this node without `retainGraph`. */
  freed = false;

  constructor(def: OpDef<S>, inputs: readonly Variable[], saved: S, output: Variable) {
    this.def = def;
    this.inputs = inputs;
    this.saved = saved;
    this.output = output;
  }

  /** The `i`-th input (for backward functions, which know their arity). */
  input(i: number): Variable {
    return this.inputs[i]!;
  }

  /** Whether input `i` wants a gradient, so a backward can skip work for constants. */
  needs(i: number): boolean {
    return this.inputs[i]!.requiresGrad;
  }
}

const NO_INPUTS: readonly Variable[] = [];

/** Drops what a node holds so its tensors can be collected; its label stays for errors. */
export function freeNode(node: Node): void {
  node.inputs = NO_INPUTS;
  node.saved = undefined;
  node.freed = true;
}

/** Anything an op accepts where a tensor goes: a Variable, or a constant Tensor or number. */
export type Operand = Variable | Tensor | number;

/** True when an op on these inputs must be recorded. */
export function recording(a: Variable, b?: Variable): boolean {
  return isGradEnabled() && (a.requiresGrad || b?.requiresGrad === true);
}

/** True when an op on any of these inputs must be recorded. */
export function recordingAny(inputs: readonly Variable[]): boolean {
  if (!isGradEnabled()) return false;
  for (const v of inputs) if (v.requiresGrad) return true;
  return false;
}

/** The result of an op: a recorded graph node if `record`, else a plain value. */
export function result<S>(
  def: OpDef<S>,
  out: Tensor,
  record: boolean,
  inputs: readonly Variable[],
  saved: S,
): Variable {
  const v = new Variable(out, false, def.name);
  if (record) v.attach(new Node<S>(def, inputs, saved, v) as Node);
  return v;
}

/**
 * An operand as a Variable: Variables pass through; a Tensor becomes a constant without copying;
 * a number becomes a 0-d constant of `like`'s dtype (PyTorch's rule for Python scalars).
 */
export function toVariable(op: string, x: Operand, like: DType, name: string): Variable {
  if (x instanceof Variable) return x;
  if (typeof x === 'number') return constantScalar(x, like);
  if (x instanceof Tensor) return new Variable(x, false, 'constant');
  throw new ArgumentError(
    op,
    `${name} must be a Variable, a Tensor or a number, got ${x === null ? 'null' : typeof x}`,
  );
}

/** The dtype a number operand should take from its partner. */
export function hint(x: Operand): DType {
  return typeof x === 'number' ? 'float32' : x.dtype;
}

/**
 * Rejects float32 meeting float64 in one op: the result would be float64 and the float32 input's
 * gradient silently widened. int32 constants may meet either float.
 */
export function checkFloatMix(op: string, a: Variable, b: Variable): void {
  const da = a.dtype;
  const db = b.dtype;
  if (da !== db && da !== 'int32' && db !== 'int32') {
    throw new DTypeError(
      op,
      `cannot mix ${da} and ${db} operands; convert one first with astype(x, '${da === 'float64' ? 'float64' : db}')`,
    );
  }
}

/** Binary operands as Variables, dtypes checked. */
export function operands(op: string, a: Operand, b: Operand): [Variable, Variable] {
  const va = toVariable(op, a, hint(b), 'first operand');
  const vb = toVariable(op, b, va.dtype, 'second operand');
  checkFloatMix(op, va, vb);
  return [va, vb];
}

/** A unary op's input as a Variable. */
export function operand(op: string, x: Operand): Variable {
  return toVariable(op, x, 'float32', 'input');
}
