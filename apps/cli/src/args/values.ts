// Parsers for option values, in commander's shape (string in, value out, InvalidArgumentError
// on a bad value, which commander reports with the option's name and exits with code 2). Each
// accepts exactly what its message promises: "--epochs 1.5" and "--lr 1e-3x" are refused, not
// rounded or truncated.
import { InvalidArgumentError } from 'commander';

const INTEGER = /^[+]?\d+$/;
/** A decimal number as people write it: JavaScript's `Number` also reads "0x10", "0b11" and "". */
export const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function toNumber(text: string): number {
  const t = text.trim();
  return DECIMAL_NUMBER.test(t) ? Number(t) : Number.NaN;
}

export function positiveInteger(text: string): number {
  const n = Number(text.trim());
  if (!INTEGER.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('Must be a positive integer (1, 2, 3, …).');
  }
  return n;
}

export function nonNegativeInteger(text: string): number {
  const n = Number(text.trim());
  if (!INTEGER.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('Must be an integer ≥ 0.');
  }
  return n;
}

export function positiveNumber(text: string): number {
  const x = toNumber(text);
  if (!(x > 0) || !Number.isFinite(x)) throw new InvalidArgumentError('Must be a number > 0.');
  return x;
}

export function nonNegativeNumber(text: string): number {
  const x = toNumber(text);
  if (!(x >= 0) || !Number.isFinite(x)) throw new InvalidArgumentError('Must be a number ≥ 0.');
  return x;
}

/** In [0, 1): a dropout probability, a smoothing factor, a noise level. */
export function unitInterval(text: string): number {
  const x = toNumber(text);
  if (!(x >= 0 && x < 1)) throw new InvalidArgumentError('Must be a number in [0, 1).');
  return x;
}

/** Strictly between 0 and 1: a share of the data. */
export function openUnitInterval(text: string): number {
  const x = toNumber(text);
  if (!(x > 0 && x < 1))
    throw new InvalidArgumentError('Must be a number strictly between 0 and 1.');
  return x;
}

/** A seed: an integer in [0, 2^53). */
export const seed = nonNegativeInteger;

/**
 * Hidden layer sizes: "256,128" → [256, 128]; "none" (or "") → [] for a model without hidden
 * layers (logistic regression).
 */
export function layerSizes(text: string): number[] {
  const t = text.trim();
  if (t === '' || t === 'none') return [];
  const parts = t.split(',').map((p) => p.trim());
  for (const p of parts) {
    const n = Number(p);
    if (!INTEGER.test(p) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(
        `Each layer size must be a positive integer ("${p}" is not); e.g. --layers 256,128, or none.`,
      );
    }
  }
  return parts.map(Number);
}

/**
 * A point: comma-separated finite numbers, "0.5,-1.2". Each must fit a float32 (|x| ≤ 3.4e38),
 * the type the model computes in, where a larger one would become Infinity.
 */
export function point(text: string): number[] {
  const parts = text.split(',');
  const xs = parts.map(toNumber);
  const bad = xs.findIndex((x) => !Number.isFinite(Math.fround(x)));
  if (bad >= 0) {
    const value = parts[bad]!.trim();
    const why = Number.isFinite(xs[bad]!)
      ? "is beyond float32's range of ±3.4e38"
      : 'is not a finite number';
    throw new InvalidArgumentError(
      `Value ${bad + 1} of ${parts.length} ("${value}") ${why}; give numbers separated by commas, e.g. --point 0.5,-1.2.`,
    );
  }
  return xs;
}

/** For a repeatable option: collects every value into a list. */
export function collect<T>(
  parse: (text: string) => T,
): (text: string, previous: T[] | undefined) => T[] {
  return (text, previous) => [...(previous ?? []), parse(text)];
}
