/**
 * Every error Nabla throws on bad input is a `NablaError`, so callers can tell a misuse of the
 * library from a bug. Messages name the op, the offending shapes or values, and the fix.
 */
export class NablaError extends Error {
  /** The op or function that rejected its input, e.g. `'matmul'`. */
  readonly op: string;

  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.name = new.target.name;
    this.op = op;
  }
}

/** Shapes that do not fit together: broadcasting, matmul, reshape, concat, axes. */
export class ShapeError extends NablaError {}

/** A dtype an op cannot take, or two that must agree and do not. */
export class DTypeError extends NablaError {}

/** Any other argument out of its domain: a negative count, a bad seed, an index out of range. */
export class ArgumentError extends NablaError {}

/** `[2,3]`, the way shapes appear in every message. */
export function formatShape(shape: ArrayLike<number>): string {
  return `[${Array.from(shape).join(',')}]`;
}
