import { broadcastablePairArb, shapeArb } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { broadcastShapeRef } from '../test/reference.js';
import {
  broadcastShapes,
  broadcastStrides,
  formatShape,
  normalizeAxes,
  normalizeAxis,
  ShapeError,
  shapesEqual,
  sizeOf,
  stridesOf,
  unravelIndex,
} from './index.js';

describe('shape helpers', () => {
  it('sizeOf and stridesOf describe row-major layout', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 0, 3])).toBe(0);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(stridesOf([])).toEqual([]);
    fc.assert(
      fc.property(shapeArb(), (shape) => {
        const strides = stridesOf(shape);
        // The last index of every axis lands on the last element.
        if (sizeOf(shape) > 0) {
          expect(shape.reduce((s, d, i) => s + (d - 1) * strides[i]!, 0)).toBe(sizeOf(shape) - 1);
        }
      }),
    );
  });

  it('unravelIndex is the inverse of row-major strides', () => {
    expect(unravelIndex(7, [4, 2])).toEqual([3, 1]);
    expect(unravelIndex(0, [])).toEqual([]);
    fc.assert(
      fc.property(
        shapeArb().filter((shape) => sizeOf(shape) > 0),
        fc.nat(),
        (shape, at) => {
          const flat = at % sizeOf(shape);
          const index = unravelIndex(flat, shape);
          index.forEach((i, axis) => {
            expect(i).toBeGreaterThanOrEqual(0);
            expect(i).toBeLessThan(shape[axis]!);
          });
          const strides = stridesOf(shape);
          expect(index.reduce((s, i, axis) => s + i * strides[axis]!, 0)).toBe(flat);
        },
      ),
    );
  });

  it('broadcastShapes is commutative and agrees with the NumPy rule', () => {
    fc.assert(
      fc.property(broadcastablePairArb(), ([a, b]) => {
        expect(broadcastShapes('t', a, b)).toEqual(broadcastShapeRef(a, b));
        expect(broadcastShapes('t', b, a)).toEqual(broadcastShapeRef(a, b));
      }),
    );
    expect(broadcastShapes('t', [], [2, 3])).toEqual([2, 3]);
    expect(broadcastShapes('t', [1, 0], [5, 1])).toEqual([5, 0]);
  });

  it('broadcastShapes names the op, both shapes and the axis when they do not fit', () => {
    expect(() => broadcastShapes('add', [2, 3], [4, 3])).toThrow(ShapeError);
    expect(() => broadcastShapes('add', [2, 3], [4, 3])).toThrow(
      'add: shapes [2,3] and [4,3] do not broadcast (dimension -2: 2 vs 4)',
    );
    expect(() => broadcastShapes('mul', [0], [2])).toThrow('dimension -1: 0 vs 2');
  });

  it('broadcastStrides are 0 along broadcast axes', () => {
    expect(broadcastStrides([3, 1], [2, 3, 4])).toEqual([0, 1, 0]);
    expect(broadcastStrides([], [2])).toEqual([0]);
  });

  it('normalizeAxis maps negative axes and rejects the rest', () => {
    expect(normalizeAxis('op', -1, 3)).toBe(2);
    expect(normalizeAxis('op', 0, 1)).toBe(0);
    expect(() => normalizeAxis('op', 3, 3)).toThrow(
      'op: axis 3 is out of range for rank 3; valid axes are -3..2',
    );
    expect(() => normalizeAxis('op', Number.NaN, 3)).toThrow('axis NaN is out of range');
    expect(() => normalizeAxis('op', 0, 0)).toThrow('a 0-d tensor has no axes');
  });

  it('normalizeAxes sorts, defaults to all axes and rejects repeats', () => {
    expect(normalizeAxes('op', undefined, 3)).toEqual([0, 1, 2]);
    expect(normalizeAxes('op', [-1, 0], 3)).toEqual([0, 2]);
    expect(normalizeAxes('op', 1, 3)).toEqual([1]);
    expect(() => normalizeAxes('op', [1, -2], 3)).toThrow('op: axis list [1,-2] repeats an axis');
  });

  it('shapesEqual and formatShape', () => {
    expect(shapesEqual([2, 3], [2, 3])).toBe(true);
    expect(shapesEqual([2, 3], [3, 2])).toBe(false);
    expect(shapesEqual([], [1])).toBe(false);
    expect(formatShape([2, 3])).toBe('[2,3]');
    expect(formatShape(new Int32Array([4]))).toBe('[4]');
  });
});
