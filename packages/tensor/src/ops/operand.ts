import { allocate, type DType } from '../dtype.js';
import { ArgumentError } from '../errors.js';
import { describe, Tensor } from '../tensor.js';

/** Ops take tensors, and plain numbers wherever a tensor could broadcast (`add(x, 1)`). */
export type Operand = Tensor | number;

/**
 * A number becomes a 0-d tensor of the other operand's dtype, as PyTorch treats Python scalars:
 * `mul(x32, 0.5)` stays float32. A fractional number next to an int32 tensor becomes float32.
 */
export function toTensor(op: string, value: Operand, like: DType, name: string): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === 'number') {
    const dtype = like === 'int32' && !Number.isInteger(value) ? 'float32' : like;
    const data = allocate(dtype, 1);
    data[0] = value;
    return new Tensor(data, []);
  }
  throw new ArgumentError(op, `${name} must be a Tensor or a number, got ${describe(value)}`);
}

/** The dtype a number-or-tensor operand suggests to its partner. */
export function dtypeHint(value: Operand): DType {
  return value instanceof Tensor ? value.dtype : 'float32';
}
