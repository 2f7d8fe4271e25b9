// Option checks shared by every function of the package: each failure is an ArgumentError
// that names the function and the option, with the value it got.
import { ArgumentError, Generator } from '@nabla/tensor';

/** Randomness is explicit in Nabla: a seed for a fresh generator, or a generator to advance. */
export interface SeedOptions {
  /** A seed (an integer in [0, 2^53)) for a fresh generator; give this or `generator`. */
  seed?: number;
  /** A generator to draw from (it advances); give this or `seed`. */
  generator?: Generator;
}

export function generatorFrom(op: string, options: SeedOptions): Generator {
  if (options.generator !== undefined) {
    if (!(options.generator instanceof Generator)) {
      throw new ArgumentError(op, 'generator must be a Generator from @nabla/tensor');
    }
    if (options.seed !== undefined) {
      throw new ArgumentError(op, 'give either seed or generator, not both');
    }
    return options.generator;
  }
  if (options.seed === undefined) {
    throw new ArgumentError(op, 'needs { seed } or { generator }: randomness in Nabla is explicit');
  }
  return new Generator(checkSeed(op, options.seed));
}

export function checkSeed(op: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new ArgumentError(op, `seed must be an integer in [0, 2^53), got ${show(seed)}`);
  }
  return seed;
}

export function checkOptions<T extends object>(op: string, options: unknown): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ArgumentError(op, `options must be an object, got ${show(options)}`);
  }
  return options as T;
}

export function positiveInteger(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ArgumentError(op, `${name} must be a positive integer, got ${show(value)}`);
  }
  return value;
}

export function nonNegativeInteger(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ArgumentError(op, `${name} must be a non-negative integer, got ${show(value)}`);
  }
  return value;
}

export function nonNegativeNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ArgumentError(op, `${name} must be a finite number >= 0, got ${show(value)}`);
  }
  return value;
}

export function checkBoolean(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ArgumentError(op, `${name} must be true or false, got ${show(value)}`);
  }
  return value;
}

/** A value as it should appear in a message: strings quoted, objects named. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value !== null && typeof value === 'object') {
    return `an object (${value.constructor?.name ?? 'Object'})`;
  }
  return String(value);
}
