import { expectAllClose, matmulPairArb, runs, tensorArb } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectMatches, matmulRef } from '../../test/reference.js';
import {
  ArgumentError,
  DTypeError,
  linear,
  matmul,
  ones,
  permute,
  ShapeError,
  type Tensor,
  tensor,
  zeros,
} from '../index.js';

/** Operands for a random valid matmul (see testkit's matmulPairArb), as float64 tensors. */
const caseArb = (options: Parameters<typeof matmulPairArb>[0] = {}) =>
  matmulPairArb(options).chain((c) =>
    fc
      .tuple(tensorArb({ shape: c.a }), tensorArb({ shape: c.b }))
      .map(([a, b]) => ({ ...c, ta: a, tb: b })),
  );

/** Swaps the last two axes (a materialised transpose, for comparing with the flags). */
function swapLast(t: Tensor): Tensor {
  if (t.rank < 2) return t;
  const dims = t.shape.map((_, i) => i);
  [dims[t.rank - 2], dims[t.rank - 1]] = [dims[t.rank - 1]!, dims[t.rank - 2]!];
  return permute(t, dims);
}

describe('matmul', () => {
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      it(`equals a naive triple loop (transposeA ${transposeA}, transposeB ${transposeB}) with batch broadcasting and 1-D operands`, () => {
        fc.assert(
          fc.property(caseArb({ transposeA, transposeB }), (c) => {
            const out = matmul(c.ta, c.tb, { transposeA, transposeB });
            expect(out.shape).toEqual(c.out);
            expect(out.dtype).toBe('float64');
            expectMatches(out, matmulRef(c.ta, c.tb, transposeA, transposeB), {
              rtol: 1e-12,
              atol: 1e-12,
            });
          }),
          { numRuns: runs(80) },
        );
      });
    }
  }

  it('always-batched operands: batch axes broadcast like elementwise ops', () => {
    fc.assert(
      fc.property(caseArb({ batch: true, vectors: false, minDim: 1 }), (c) => {
        const out = matmul(c.ta, c.tb, c);
        expectMatches(out, matmulRef(c.ta, c.tb, c.transposeA, c.transposeB), {
          rtol: 1e-12,
          atol: 1e-12,
        });
      }),
      { numRuns: runs(80) },
    );
  });

  it('a transpose flag gives the same bits as transposing first', () => {
    fc.assert(
      fc.property(caseArb({ vectors: false }), (c) => {
        const flagged = matmul(c.ta, c.tb, c);
        const a = c.transposeA ? swapLast(c.ta) : c.ta;
        const b = c.transposeB ? swapLast(c.tb) : c.tb;
        expectAllClose(flagged, matmul(a, b), { rtol: 1e-13, atol: 1e-13 });
      }),
      { numRuns: runs(80) },
    );
  });

  it('follows PyTorch on 1-D operands and the documented batch example', () => {
    const v = tensor([1, 2, 3]);
    const m = tensor([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(matmul(v, v).shape).toEqual([]);
    expect(matmul(v, v).item()).toBe(14);
    expect(matmul(v, m).toArray()).toEqual([4, 5]);
    expect(matmul(tensor([[1, 1, 1]]), v).toArray()).toEqual([6]);
    expect(matmul(zeros([5, 1, 2, 3]), zeros([4, 3, 6])).shape).toEqual([5, 4, 2, 6]);
    expect(matmul(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('promotes float32 @ float64 to float64', () => {
    const out = matmul(tensor([[0.1]]), tensor([[3]], { dtype: 'float64' }));
    expect(out.dtype).toBe('float64');
    expect(out.item()).toBe(Math.fround(0.1) * 3);
  });

  it('does not modify its operands', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const a = Array.from(c.ta.data);
        const b = Array.from(c.tb.data);
        matmul(c.ta, c.tb, c);
        expect(Array.from(c.ta.data)).toEqual(a);
        expect(Array.from(c.tb.data)).toEqual(b);
      }),
      { numRuns: runs(30) },
    );
  });
});

describe('2-D product shapes', () => {
  it('are one frozen array per (m, n), shared by matmul and linear results', () => {
    const a = matmul(ones([3, 2]), ones([2, 5]));
    const b = matmul(ones([3, 4]), ones([5, 4]), { transposeB: true });
    const c = linear(ones([3, 7]), ones([5, 7]));
    expect(a.shape).toEqual([3, 5]);
    expect(Object.isFrozen(a.shape)).toBe(true);
    expect(b.shape).toBe(a.shape);
    expect(c.shape).toBe(a.shape);
  });
});

describe('matmul errors', () => {
  it('names the shapes when inner dimensions differ', () => {
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(ShapeError);
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(
      'matmul: inner dimensions differ ([2,3] @ [4,5]): 3 vs 4; the last axis of a must match the first matrix axis of b',
    );
    expect(() => matmul(zeros([2, 3]), zeros([2, 3]), { transposeB: false })).toThrow(
      'matmul: inner dimensions differ ([2,3] @ [2,3]): 3 vs 2',
    );
    expect(() =>
      matmul(zeros([3, 2]), zeros([3, 2]), { transposeA: true, transposeB: true }),
    ).toThrow(
      'matmul: inner dimensions differ ([3,2] @ [3,2]) (a transposed) (b transposed): 3 vs 2',
    );
    expect(() => matmul(zeros([3]), zeros([4]))).toThrow(
      'matmul: inner dimensions differ ([3] @ [4])',
    );
  });

  it('names both full shapes when batch dimensions do not broadcast', () => {
    expect(() => matmul(zeros([2, 3, 4]), zeros([3, 4, 5]))).toThrow(ShapeError);
    expect(() => matmul(zeros([2, 3, 4]), zeros([3, 4, 5]))).toThrow(
      'matmul: batch dimensions [2] and [3] do not broadcast ([2,3,4] @ [3,4,5]); each must match or be 1',
    );
  });

  it('refuses a result too large for a typed array', () => {
    expect(() => matmul(zeros([65536, 0]), zeros([0, 65536]))).toThrow(
      'matmul: shape [65536,65536] has 4294967296 elements, over 2^31 - 1',
    );
  });

  it('rejects 0-d operands, int32 and non-tensors', () => {
    expect(() => matmul(zeros([]), zeros([2]))).toThrow(
      'matmul: operands must have at least one axis, got [] @ [2]; use mul for scalars',
    );
    expect(() => matmul(zeros([2], { dtype: 'int32' }), zeros([2]))).toThrow(DTypeError);
    expect(() => matmul(zeros([2], { dtype: 'int32' }), zeros([2]))).toThrow(
      "matmul: needs float operands, got int32 @ float32; convert with astype(x, 'float32')",
    );
    expect(() => matmul([[1]] as unknown as Tensor, zeros([1]))).toThrow(ArgumentError);
    expect(() => matmul([[1]] as unknown as Tensor, zeros([1]))).toThrow(
      'matmul: first operand must be a Tensor, got an array (wrap it with tensor(...))',
    );
    expect(() => matmul(zeros([1]), 2 as unknown as Tensor)).toThrow(
      'matmul: second operand must be a Tensor, got number 2',
    );
  });
});
