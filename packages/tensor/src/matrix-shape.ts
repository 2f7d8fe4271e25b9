import type { Shape } from './shape.js';

/**
 * Frozen `[m, n]` shapes, one per (m, n), so the 2-D results of `matmul` and `linear` share
 * theirs instead of allocating and freezing an array per call: a training step of a small
 * network makes a dozen products of the same few shapes, and building their shapes cost more
 * than a small product's arithmetic.
 */
const interned = new Map<number, Shape>();

/** Enough for every distinct product shape of a model; past it the table starts over. */
const MAX_ENTRIES = 4096;

/** The frozen shape `[m, n]`, shared by every caller asking for the same dimensions. */
export function matrixShape(m: number, n: number): Shape {
  // The key stays a small integer (V8's fast Map path) for m < 2^19 and n < 2^12.
  if (m >= 0x80000 || n >= 0x1000) return Object.freeze([m, n]);
  const key = (m << 12) | n;
  let shape = interned.get(key);
  if (shape === undefined) {
    if (interned.size >= MAX_ENTRIES) interned.clear();
    shape = Object.freeze([m, n]);
    interned.set(key, shape);
  }
  return shape;
}
