// One row per differentiable op: how to draw its inputs (shapes first, then float64 values in its
// domain, away from its kinks) and the function gradcheck differentiates. gradients.test.ts runs
// gradcheck (and gradgradcheck) on every row; a coverage test fails if an exported op has none.

import type { Tensor } from '@nabla/tensor';
import * as raw from '@nabla/tensor';
import {
  broadcastablePairArb,
  type FloatArrayArbOptions,
  matmulPairArb,
  shapeArb,
  tensorArb,
} from '@nabla/testkit';
import fc from 'fast-check';
import type { Variable } from '../src/index.js';
import * as ag from '../src/index.js';

export interface Case {
  /** The float64 inputs gradcheck differentiates with respect to. */
  inputs: Tensor[];
  /** The function of those inputs (constants such as indices are closed over). */
  f: (...xs: Variable[]) => Variable;
}

export interface OpRow {
  /** The exported op this row covers. */
  op: string;
  cases: fc.Arbitrary<Case>;
  /** Run gradgradcheck too (default true; false only where second derivatives are meaningless). */
  gradgrad?: boolean;
  atol?: number;
  rtol?: number;
  /** Property runs (default 30). */
  runs?: number;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const small = { minRank: 0, maxRank: 3, minDim: 1, maxDim: 3 };

function floats(shape: readonly number[], domain: FloatArrayArbOptions = {}): fc.Arbitrary<Tensor> {
  return tensorArb({ shape, dtype: 'float64', min: -3, max: 3, ...domain });
}

function oneInput(domain: FloatArrayArbOptions = {}, shapes = shapeArb(small)) {
  return shapes.chain((s) => floats(s, domain));
}

function pairInputs(domainA: FloatArrayArbOptions = {}, domainB: FloatArrayArbOptions = domainA) {
  return broadcastablePairArb(small).chain(([sa, sb]) =>
    fc.tuple(floats(sa, domainA), floats(sb, domainB)),
  );
}

/** A unary op on any shape over `domain`. */
function unaryRow(
  op: string,
  f: (x: Variable) => Variable,
  domain: FloatArrayArbOptions = {},
  extra: Partial<OpRow> = {},
): OpRow {
  return { op, cases: oneInput(domain).map((x) => ({ inputs: [x], f })), ...extra };
}

/** A binary op on broadcastable shapes (both operands differentiated). */
function binaryRow(
  op: string,
  f: (a: Variable, b: Variable) => Variable,
  domainA: FloatArrayArbOptions = {},
  domainB: FloatArrayArbOptions = domainA,
  keep: (a: Tensor, b: Tensor) => boolean = () => true,
): OpRow {
  return {
    op,
    cases: pairInputs(domainA, domainB)
      .filter(([a, b]) => keep(a, b))
      .map(([a, b]) => ({ inputs: [a, b], f: f as Case['f'] })),
  };
}

/** Reduction options for a shape: all axes, one (maybe negative) axis or a list; keepDims or not. */
function reduceOptions(
  rank: number,
): fc.Arbitrary<{ axis?: number | number[]; keepDims: boolean }> {
  const axis: fc.Arbitrary<number | number[] | undefined> =
    rank === 0
      ? fc.constant(undefined)
      : fc.oneof(
          fc.constant(undefined),
          fc.integer({ min: -rank, max: rank - 1 }),
          fc.subarray(
            Array.from({ length: rank }, (_, i) => i),
            { minLength: 1 },
          ),
        );
  return fc
    .record({ axis, keepDims: fc.boolean() })
    .map(({ axis, keepDims }) => (axis === undefined ? { keepDims } : { axis, keepDims }));
}

function reductionRow(
  op: string,
  f: (x: Variable, options: { axis?: number | number[]; keepDims: boolean }) => Variable,
  keep: (x: Tensor) => boolean = () => true,
): OpRow {
  return {
    op,
    cases: shapeArb(small)
      .chain((s) => fc.tuple(floats(s), reduceOptions(s.length)))
      .filter(([x]) => keep(x))
      .map(([x, options]) => ({ inputs: [x], f: (v) => f(v, options) })),
  };
}

/** Softmax-style options: an axis of a rank ≥ 1 shape. */
function axisRow(op: string, f: (x: Variable, axis: number) => Variable): OpRow {
  return {
    op,
    cases: shapeArb({ ...small, minRank: 1 })
      .chain((s) => fc.tuple(floats(s), fc.integer({ min: -s.length, max: s.length - 1 })))
      .map(([x, axis]) => ({ inputs: [x], f: (v) => f(v, axis) })),
  };
}

/** Every value at least `gap` from every other: keeps max/min away from ties. */
function distinct(gap: number) {
  return (x: Tensor) => {
    const v = Array.from(x.data).sort((a, b) => a - b);
    return v.every((e, i) => i === 0 || e - v[i - 1]! > gap);
  };
}

function elementwiseGap(a: Tensor, b: Tensor, gap: number): boolean {
  return Array.from(raw.abs(raw.sub(a, b)).data).every((d) => d > gap);
}

function permutationArb(rank: number): fc.Arbitrary<number[]> {
  return fc
    .shuffledSubarray(
      Array.from({ length: rank }, (_, i) => i),
      { minLength: rank, maxLength: rank },
    )
    .map((p) => [...p]);
}

const intTensor = (values: number[], shape: number[]) =>
  raw.tensor(values, { shape, dtype: 'int32' });

// ---------------------------------------------------------------------------------------------
// The table

export const rows: OpRow[] = [
  // Arithmetic, broadcasting both ways.
  binaryRow('add', ag.add),
  binaryRow('sub', ag.sub),
  binaryRow('mul', ag.mul),
  binaryRow('div', ag.div, {}, { minAbs: 0.3 }),
  binaryRow('pow', ag.pow, { min: 0.2, max: 3 }, { min: -2, max: 2 }),
  binaryRow('maximum', ag.maximum, {}, {}, (a, b) => elementwiseGap(a, b, 1e-3)),
  binaryRow('minimum', ag.minimum, {}, {}, (a, b) => elementwiseGap(a, b, 1e-3)),
  {
    op: 'where',
    cases: broadcastablePairArb(small).chain(([sa, sb]) =>
      fc.tuple(floats(sa), floats(sb), shapeArb({ ...small, maxRank: 2 })).chain(([a, b]) => {
        const shape = raw.broadcastShapes('where', a.shape, b.shape);
        return tensorArb({ shape, dtype: 'int32', min: 0, max: 1 }).map((cond) => ({
          inputs: [a, b],
          f: (x: Variable, y: Variable) => ag.where(cond, x, y),
        }));
      }),
    ) as fc.Arbitrary<Case>,
  },

  // Unary.
  unaryRow('neg', ag.neg),
  unaryRow('exp', ag.exp),
  unaryRow('log', ag.log, { min: 0.1, max: 5 }),
  unaryRow('log1p', ag.log1p, { min: -0.8, max: 5 }),
  unaryRow('sqrt', ag.sqrt, { min: 0.1, max: 5 }),
  unaryRow('abs', ag.abs, { minAbs: 1e-3 }),
  unaryRow('tanh', ag.tanh),
  unaryRow('sigmoid', ag.sigmoid),
  unaryRow('softplus', ag.softplus),
  unaryRow('relu', ag.relu, { minAbs: 1e-3 }),
  unaryRow('leakyRelu', (x) => ag.leakyRelu(x, { negativeSlope: 0.2 }), { minAbs: 1e-3 }),
  {
    ...unaryRow('clamp', (x) => ag.clamp(x, { min: -1, max: 1.5 })),
    cases: oneInput()
      .filter((x) =>
        Array.from(x.data).every((v) => Math.abs(v + 1) > 1e-3 && Math.abs(v - 1.5) > 1e-3),
      )
      .map((x) => ({ inputs: [x], f: (v: Variable) => ag.clamp(v, { min: -1, max: 1.5 }) })),
  },
  unaryRow('erf', ag.erf),
  {
    op: 'gelu',
    cases: fc
      .tuple(oneInput(), fc.constantFrom('none' as const, 'tanh' as const))
      .map(([x, approximate]) => ({
        inputs: [x],
        f: (v: Variable) => ag.gelu(v, { approximate }),
      })),
  },

  // Reductions.
  reductionRow('sum', (x, o) => ag.sum(x, o)),
  reductionRow('mean', (x, o) => ag.mean(x, o)),
  reductionRow('max', (x, o) => ag.max(x, o), distinct(1e-3)),
  reductionRow('min', (x, o) => ag.min(x, o), distinct(1e-3)),
  reductionRow('logsumexp', (x, o) => ag.logsumexp(x, o)),
  {
    op: 'variance',
    cases: shapeArb({ ...small, minRank: 1, minDim: 2 })
      .chain((s) => fc.tuple(floats(s), reduceOptions(s.length), fc.constantFrom(0, 1)))
      .map(([x, o, correction]) => ({
        inputs: [x],
        f: (v: Variable) => ag.variance(v, { ...o, correction }),
      })),
  },
  axisRow('softmax', (x, axis) => ag.softmax(x, { axis })),
  axisRow('logSoftmax', (x, axis) => ag.logSoftmax(x, { axis })),

  // Matrix products.
  // Every flag combination, with and without broadcasting batch axes (and 1-D operands).
  ...[false, true].flatMap((transposeA) =>
    [false, true].map(
      (transposeB): OpRow => ({
        op: 'matmul',
        cases: matmulPairArb({ minDim: 1, maxDim: 3, transposeA, transposeB }).chain((c) =>
          fc.tuple(floats(c.a), floats(c.b)).map(([a, b]) => ({
            inputs: [a, b],
            f: (x: Variable, y: Variable) => ag.matmul(x, y, { transposeA, transposeB }),
          })),
        ),
      }),
    ),
  ),
  {
    op: 'linear',
    cases: fc
      .record({
        batch: fc.constantFrom([] as number[], [2], [2, 3]),
        inF: fc.integer({ min: 1, max: 3 }),
        outF: fc.integer({ min: 1, max: 3 }),
        bias: fc.boolean(),
      })
      .chain(({ batch, inF, outF, bias }) =>
        fc.tuple(floats([...batch, inF]), floats([outF, inF]), floats([outF])).map(([x, w, b]) =>
          bias
            ? {
                inputs: [x, w, b],
                f: (xv: Variable, wv: Variable, bv: Variable) => ag.linear(xv, wv, bv),
              }
            : { inputs: [x, w], f: (xv: Variable, wv: Variable) => ag.linear(xv, wv) },
        ),
      ) as fc.Arbitrary<Case>,
  },
  {
    // The activation applied in the same node, on small inputs so tanh and the sigmoid are not
    // flat. For relu, one input feature and no bias: each pre-activation is one product x·w of
    // factors at least 0.05 from 0, so gradcheck's differences never cross relu's kink.
    op: 'linear',
    cases: fc
      .constantFrom('tanh', 'sigmoid', 'relu')
      .chain((activation: ag.LinearActivation) =>
        fc.record({
          batch: fc.constantFrom([] as number[], [2], [2, 3]),
          inF: activation === 'relu' ? fc.constant(1) : fc.integer({ min: 1, max: 3 }),
          outF: fc.integer({ min: 1, max: 3 }),
          bias: activation === 'relu' ? fc.constant(false) : fc.boolean(),
          activation: fc.constant(activation),
        }),
      )
      .chain(({ batch, inF, outF, bias, activation }) => {
        const domain = { min: -1, max: 1, minAbs: activation === 'relu' ? 0.05 : 0 };
        return fc
          .tuple(
            floats([...batch, inF], domain),
            floats([outF, inF], domain),
            floats([outF], domain),
          )
          .map(([x, w, b]) =>
            bias
              ? {
                  inputs: [x, w, b],
                  f: (xv: Variable, wv: Variable, bv: Variable) =>
                    ag.linear(xv, wv, bv, { activation }),
                }
              : {
                  inputs: [x, w],
                  f: (xv: Variable, wv: Variable) => ag.linear(xv, wv, null, { activation }),
                },
          );
      }) as fc.Arbitrary<Case>,
    // Three activations share the row's runs; gradgradcheck through them is the slow part.
    runs: 15,
  },

  // Shapes.
  {
    op: 'reshape',
    cases: oneInput().map((x) => ({
      inputs: [x],
      f: (v: Variable) => ag.reshape(v, [...x.shape].reverse()),
    })),
  },
  {
    op: 'permute',
    cases: oneInput()
      .chain((x) => fc.tuple(fc.constant(x), permutationArb(x.shape.length)))
      .map(([x, p]) => ({ inputs: [x], f: (v: Variable) => ag.permute(v, p) })),
  },
  {
    op: 'transpose',
    cases: oneInput()
      .chain((x) =>
        fc.tuple(fc.constant(x), fc.option(permutationArb(x.shape.length), { nil: undefined })),
      )
      .map(([x, p]) => ({ inputs: [x], f: (v: Variable) => ag.transpose(v, p) })),
  },
  {
    op: 'broadcastTo',
    cases: broadcastablePairArb(small)
      .chain(([sa, sb]) => fc.tuple(floats(sa), fc.constant(raw.broadcastShapes('test', sa, sb))))
      .map(([x, target]) => ({ inputs: [x], f: (v: Variable) => ag.broadcastTo(v, target) })),
  },
  {
    op: 'squeeze',
    cases: fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
      .chain((s) => fc.tuple(floats(s), fc.integer({ min: 0, max: s.length - 1 })))
      .map(([x, i]) => {
        const withOne = [...x.shape];
        withOne.splice(i, 0, 1);
        const y = raw.reshape(x, withOne);
        return { inputs: [y], f: (v: Variable) => ag.squeeze(v, i) };
      }),
  },
  {
    op: 'unsqueeze',
    cases: oneInput()
      .chain((x) =>
        fc.tuple(fc.constant(x), fc.integer({ min: -x.shape.length - 1, max: x.shape.length })),
      )
      .map(([x, axis]) => ({ inputs: [x], f: (v: Variable) => ag.unsqueeze(v, axis) })),
  },
  {
    op: 'slice',
    cases: shapeArb({ ...small, minRank: 1, maxDim: 5 })
      .chain((s) =>
        fc.tuple(
          floats(s),
          fc.integer({ min: 0, max: s.length - 1 }),
          fc.integer({ min: -6, max: 6 }),
          fc.integer({ min: -6, max: 6 }),
          fc.integer({ min: 1, max: 3 }),
        ),
      )
      .map(([x, axis, start, end, step]) => ({
        inputs: [x],
        f: (v: Variable) => ag.slice(v, { axis, start, end, step }),
      })),
  },
  {
    op: 'concat',
    cases: fc
      .tuple(shapeArb({ ...small, minRank: 1 }), fc.integer({ min: 1, max: 3 }))
      .chain(([s, count]) =>
        fc
          .tuple(
            fc.integer({ min: 0, max: s.length - 1 }),
            fc.array(fc.integer({ min: 1, max: 3 }), { minLength: count, maxLength: count }),
          )
          .chain(([axis, lengths]) =>
            fc
              .tuple(...lengths.map((len) => floats(s.map((d, i) => (i === axis ? len : d)))))
              .map((xs) => ({
                inputs: xs,
                f: (...vs: Variable[]) => ag.concat(vs, { axis }),
              })),
          ),
      ),
  },
  {
    op: 'stack',
    cases: fc
      .tuple(shapeArb(small), fc.integer({ min: 1, max: 3 }))
      .chain(([s, count]) =>
        fc.tuple(
          fc.array(floats(s), { minLength: count, maxLength: count }),
          fc.integer({ min: -s.length - 1, max: s.length }),
        ),
      )
      .map(([xs, axis]) => ({ inputs: xs, f: (...vs: Variable[]) => ag.stack(vs, { axis }) })),
  },
  {
    op: 'gather',
    cases: shapeArb({ ...small, minRank: 1 })
      .chain((s) =>
        fc.tuple(
          floats(s),
          fc.integer({ min: 0, max: s.length - 1 }),
          fc.integer({ min: 1, max: 4 }),
        ),
      )
      .chain(([x, axis, count]) => {
        const shape = x.shape.map((d, i) => (i === axis ? count : d));
        const size = shape.reduce((p, d) => p * d, 1);
        const len = x.shape[axis]!;
        return fc
          .array(fc.integer({ min: -len, max: len - 1 }), { minLength: size, maxLength: size })
          .map((idx) => ({
            inputs: [x],
            f: (v: Variable) => ag.gather(v, intTensor(idx, shape), { axis }),
          }));
      }),
  },
  {
    op: 'indexSelect',
    cases: shapeArb({ ...small, minRank: 1 })
      .chain((s) => fc.tuple(floats(s), fc.integer({ min: 0, max: s.length - 1 })))
      .chain(([x, axis]) => {
        const len = x.shape[axis]!;
        return fc
          .array(fc.integer({ min: -len, max: len - 1 }), { minLength: 1, maxLength: 4 })
          .map((idx) => ({
            inputs: [x],
            f: (v: Variable) => ag.indexSelect(v, intTensor(idx, [idx.length]), { axis }),
          }));
      }),
  },
  unaryRow('astype', (x) => ag.astype(x, 'float64')),

  // Fused losses.
  {
    op: 'crossEntropyWithLogits',
    cases: fc
      .record({
        rows: fc.integer({ min: 1, max: 3 }),
        cols: fc.integer({ min: 1, max: 4 }),
        reduction: fc.constantFrom('mean' as const, 'sum' as const, 'none' as const),
        probabilities: fc.boolean(),
      })
      .chain(({ rows, cols, reduction, probabilities }) =>
        probabilities
          ? fc
              .tuple(floats([rows, cols]), floats([rows, cols], { min: 0, max: 1 }))
              .map(([z, y]) => ({
                inputs: [z, y],
                f: (zv: Variable, yv: Variable) => ag.crossEntropyWithLogits(zv, yv, { reduction }),
              }))
          : fc
              .tuple(
                floats([rows, cols]),
                fc.array(fc.integer({ min: 0, max: cols - 1 }), {
                  minLength: rows,
                  maxLength: rows,
                }),
              )
              .map(([z, classes]) => ({
                inputs: [z],
                f: (zv: Variable) =>
                  ag.crossEntropyWithLogits(zv, intTensor(classes, [rows]), { reduction }),
              })),
      ) as fc.Arbitrary<Case>,
  },
  {
    op: 'binaryCrossEntropyWithLogits',
    cases: fc
      .record({
        shape: shapeArb({ ...small, maxRank: 2 }),
        reduction: fc.constantFrom('mean' as const, 'sum' as const, 'none' as const),
        posWeight: fc.option(fc.double({ min: 0.2, max: 4, noNaN: true }), { nil: undefined }),
      })
      .chain(({ shape, reduction, posWeight }) =>
        fc.tuple(floats(shape), floats(shape, { min: 0, max: 1 })).map(([z, y]) => ({
          inputs: [z, y],
          f: (zv: Variable, yv: Variable) =>
            ag.binaryCrossEntropyWithLogits(zv, yv, { reduction, posWeight }),
        })),
      ),
  },
];
