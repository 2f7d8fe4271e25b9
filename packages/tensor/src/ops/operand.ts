import { allocate, type DType, isInt32 } from '../dtype.js';
import { ArgumentError } from '../errors.js';
import { describe, Tensor, tensorOf } from '../tensor.js';

const SCALAR_SHAPE: readonly number[] = Object.freeze([]);

/** Ops take tensors, and plain numbers wherever a tensor could broadcast (`add(x, 1)`). */
export type Operand = Tensor | number;

/**
 * A number becomes a 0-d tensor of the other operand's dtype, as PyTorch treats Python scalars:
 * `mul(x32, 0.5)` stays float32. A fractional (or infinite, or NaN) number next to an int32
 * tensor becomes float32; an integer too large for int32 is refused, as PyTorch refuses it,
 * because storing it would wrap around silently.
 */
export function toTensor(op: string, value: Operand, like: DType, name: string): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === 'number') {
    if (like === 'int32' && Number.isInteger(value) && !isInt32(value)) {
      throw new ArgumentError(
        op,
        `${name} ${value} does not fit int32, the dtype of the other operand; convert that tensor with astype(x, 'float64')`,
      );
    }
    const dtype = like === 'int32' && !Number.isInteger(value) ? 'float32' : like;
    const data = allocate(dtype, 1);
    data[0] = value;
    return tensorOf(data, SCALAR_SHAPE);
  }
  throw new ArgumentError(op, `${name} must be a Tensor or a number, got ${describe(value)}`);
}

/** The dtype a number-or-tensor operand suggests to its partner. */
export function dtypeHint(value: Operand): DType {
  return value instanceof Tensor ? value.dtype : 'float32';
}
