// Argument checks shared by the losses: every error names the loss, the shapes and the fix.
import { astype, Variable } from '@nabla/autograd';
import {
  ArgumentError,
  DTypeError,
  formatShape,
  isFloatDType,
  type Shape,
  ShapeError,
  Tensor,
} from '@nabla/tensor';

/** What a loss takes for its input and target: a Variable, or a Tensor as a constant. */
export type LossInput = Variable | Tensor;

/** The input (predictions, logits or log-probabilities) as a float Variable. */
export function floatInput(op: string, input: unknown, name = 'input'): Variable {
  const v = toVariable(op, input, name);
  if (!isFloatDType(v.dtype)) {
    throw new DTypeError(op, `${name} must be float32 or float64, got ${v.dtype}`);
  }
  return v;
}

export function toVariable(op: string, value: unknown, name: string): Variable {
  if (value instanceof Variable) return value;
  if (value instanceof Tensor) return new Variable(value, false, 'constant');
  throw new ArgumentError(op, `${name} must be a Variable or a Tensor, got ${describe(value)}`);
}

/**
 * A float target of the input's shape and dtype. int32 targets (0/1 labels) are converted;
 * a float target of the other float dtype is refused, as one dtype per computation is the rule.
 */
export function matchingTarget(op: string, input: Variable, target: unknown): Variable {
  let t = toVariable(op, target, 'target');
  if (!sameShape(t.shape, input.shape)) {
    throw new ShapeError(
      op,
      `target shape ${formatShape(t.shape)} differs from input shape ${formatShape(input.shape)}; they must be equal (no broadcasting), so reshape one of them`,
    );
  }
  if (t.dtype === 'int32') t = astype(t, input.dtype);
  else if (t.dtype !== input.dtype) {
    throw new DTypeError(
      op,
      `target is ${t.dtype} but input is ${input.dtype}; convert one with astype so both are ${input.dtype}`,
    );
  }
  return t;
}

/** A constant weight tensor in the input's dtype, checked to broadcast to `shape`. */
export function weightTensor(
  op: string,
  name: string,
  weight: unknown,
  dtype: 'float32' | 'float64',
  shape: Shape,
): Tensor {
  if (!(weight instanceof Tensor)) {
    throw new ArgumentError(op, `${name} must be a Tensor, got ${describe(weight)}`);
  }
  if (
    weight.rank > shape.length ||
    weight.shape.some((d, i) => d !== 1 && d !== shape[shape.length - weight.rank + i])
  ) {
    throw new ShapeError(
      op,
      `${name} of shape ${formatShape(weight.shape)} does not broadcast to the input shape ${formatShape(shape)}`,
    );
  }
  return weight.dtype === dtype ? weight : rawAstype(weight, dtype);
}

function rawAstype(t: Tensor, dtype: 'float32' | 'float64'): Tensor {
  return astype(t, dtype).data;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array (wrap it with tensor(...))';
  return typeof v === 'object'
    ? `an object (${(v as object).constructor?.name ?? 'Object'})`
    : typeof v;
}
