import { ArgumentError } from '@nabla/tensor';

// Hyperparameter checks shared by the optimizers and schedulers. Each names the option and the
// value it got, so `new Adam(ps, { betas: [0.9, 1] })` says which number is wrong and why.

function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A finite number `>= 0`. */
export function checkNonNegative(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ArgumentError(op, `${name} must be a finite number >= 0, got ${show(value)}`);
  }
  return value;
}

/** A finite number in `[lo, hi)`, or `[lo, hi]` with `closed`. */
export function checkInRange(
  op: string,
  name: string,
  value: unknown,
  lo: number,
  hi: number,
  closed = false,
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= lo &&
    (closed ? value <= hi : value < hi);
  if (!ok) {
    const range = `[${lo}, ${hi}${closed ? ']' : ')'}`;
    throw new ArgumentError(op, `${name} must be a number in ${range}, got ${show(value)}`);
  }
  return value as number;
}

/** A finite number `> 0`. */
export function checkPositive(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ArgumentError(op, `${name} must be a finite number > 0, got ${show(value)}`);
  }
  return value;
}

/** An integer `>= min`. */
export function checkInteger(op: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ArgumentError(op, `${name} must be an integer >= ${min}, got ${show(value)}`);
  }
  return value;
}

export function checkBoolean(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ArgumentError(op, `${name} must be true or false, got ${show(value)}`);
  }
  return value;
}

/** One of a few strings. */
export function checkChoice<T extends string>(
  op: string,
  name: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    const list = choices.map((c) => `'${c}'`).join(' or ');
    throw new ArgumentError(op, `${name} must be ${list}, got ${show(value)}`);
  }
  return value as T;
}

export { show as showValue };
