// One row per differentiable op and loss of the public API (@nabla/autograd, @nabla/losses),
// plus a layer stack, for `nabla gradcheck`: the function, its float64 inputs (each a Tensor
// that gradcheck differentiates), and constants (targets, masks, indices) in the closure.
import {
  abs,
  add,
  astype,
  binaryCrossEntropyWithLogits as bceWithLogitsFused,
  broadcastTo,
  clamp,
  concat,
  crossEntropyWithLogits,
  div,
  erf,
  exp,
  type GradcheckFunction,
  gather,
  gelu,
  indexSelect,
  leakyRelu,
  linear,
  log,
  log1p,
  logSoftmax,
  logsumexp,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  neg,
  permute,
  pow,
  relu,
  reshape,
  sigmoid,
  slice,
  softmax,
  softplus,
  sqrt,
  squeeze,
  stack,
  sub,
  sum,
  tanh,
  transpose,
  unsqueeze,
  variance,
  where,
} from '@nabla/autograd';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  huberLoss,
  l1Loss,
  l2Penalty,
  mseLoss,
  nllLoss,
} from '@nabla/losses';
import { mlp } from '@nabla/nn';
import { gt, add as plus, type Tensor, tensor } from '@nabla/tensor';
import { awayFrom, indices, probabilities, uniform } from './inputs.js';

export interface GradcheckCase {
  readonly name: string;
  readonly family: 'elementwise' | 'reduction' | 'matrix' | 'shape' | 'fused' | 'loss' | 'layer';
  readonly f: GradcheckFunction;
  /** Built fresh for each run (gradcheck perturbs copies, but a case must not share state). */
  readonly inputs: () => Tensor[];
}

const S = [3, 4] as const;

function unary(name: string, f: GradcheckFunction, input: () => Tensor): GradcheckCase {
  return { name, family: 'elementwise', f, inputs: () => [input()] };
}

export function gradcheckCases(): GradcheckCase[] {
  const away0 = () => awayFrom(S, 11, [0]);
  const cases: GradcheckCase[] = [
    // Elementwise, binary (with broadcasting both ways).
    { name: 'add', family: 'elementwise', f: add, inputs: () => [uniform(S, 1), uniform(S, 2)] },
    {
      name: 'add (broadcast [3,1] + [4])',
      family: 'elementwise',
      f: add,
      inputs: () => [uniform([3, 1], 3), uniform([4], 4)],
    },
    { name: 'sub', family: 'elementwise', f: sub, inputs: () => [uniform(S, 5), uniform([4], 6)] },
    {
      name: 'mul',
      family: 'elementwise',
      f: mul,
      inputs: () => [uniform(S, 7), uniform([3, 1], 8)],
    },
    {
      name: 'div',
      family: 'elementwise',
      f: div,
      inputs: () => [uniform(S, 9), awayFrom(S, 10, [0], { margin: 0.3 })],
    },
    {
      name: 'pow',
      family: 'elementwise',
      f: pow,
      inputs: () => [uniform(S, 12, 0.5, 2), uniform(S, 13, -2, 2)],
    },
    {
      name: 'maximum',
      family: 'elementwise',
      f: (a, b) => maximum(a, b),
      inputs: () => {
        const a = uniform(S, 14);
        return [a, plus(a, awayFrom(S, 15, [0], { margin: 0.1 }))];
      },
    },
    {
      name: 'minimum',
      family: 'elementwise',
      f: (a, b) => minimum(a, b),
      inputs: () => {
        const a = uniform(S, 16);
        return [a, plus(a, awayFrom(S, 17, [0], { margin: 0.1 }))];
      },
    },
    (() => {
      const mask = gt(uniform(S, 18), 0);
      return {
        name: 'where',
        family: 'elementwise' as const,
        f: (a, b) => where(mask, a, b),
        inputs: () => [uniform(S, 19), uniform(S, 20)],
      };
    })(),
    // Elementwise, unary.
    unary('neg', neg, () => uniform(S, 21)),
    unary('exp', exp, () => uniform(S, 22, -2, 2)),
    unary('log', log, () => uniform(S, 23, 0.2, 3)),
    unary('log1p', log1p, () => uniform(S, 24, -0.5, 2)),
    unary('sqrt', sqrt, () => uniform(S, 25, 0.2, 3)),
    unary('abs', abs, away0),
    unary('tanh', tanh, () => uniform(S, 26, -2, 2)),
    unary('sigmoid', sigmoid, () => uniform(S, 27, -4, 4)),
    unary('softplus', softplus, () => uniform(S, 28, -4, 4)),
    unary('relu', relu, away0),
    unary('leakyRelu', (x) => leakyRelu(x, { negativeSlope: 0.1 }), away0),
    unary(
      'clamp',
      (x) => clamp(x, { min: -0.5, max: 0.5 }),
      () => awayFrom(S, 29, [-0.5, 0.5]),
    ),
    unary('erf', erf, () => uniform(S, 30, -2, 2)),
    unary(
      'gelu',
      (x) => gelu(x),
      () => uniform(S, 31, -3, 3),
    ),
    unary(
      'gelu (tanh)',
      (x) => gelu(x, { approximate: 'tanh' }),
      () => uniform(S, 32, -3, 3),
    ),

    // Reductions.
    red('sum', (x) => sum(x), 33),
    red('sum (axis 1, keepDims)', (x) => sum(x, { axis: 1, keepDims: true }), 34),
    red('mean', (x) => mean(x), 35),
    red('mean (axis 0)', (x) => mean(x, { axis: 0 }), 36),
    red('max (axis 1)', (x) => max(x, { axis: 1 }), 37),
    red('min', (x) => min(x), 38),
    red('variance', (x) => variance(x), 39),
    red('variance (axis 1, correction 0)', (x) => variance(x, { axis: 1, correction: 0 }), 40),
    red('logsumexp (axis 1)', (x) => logsumexp(x, { axis: 1 }), 41),
    red('softmax', (x) => softmax(x, { axis: 1 }), 42),
    red('logSoftmax', (x) => logSoftmax(x, { axis: 1 }), 43),

    // Matrix products.
    {
      name: 'matmul',
      family: 'matrix',
      f: (a, b) => matmul(a, b),
      inputs: () => [uniform([3, 4], 44), uniform([4, 2], 45)],
    },
    {
      name: 'matmul (transposeA, transposeB)',
      family: 'matrix',
      f: (a, b) => matmul(a, b, { transposeA: true, transposeB: true }),
      inputs: () => [uniform([4, 3], 46), uniform([2, 4], 47)],
    },
    {
      name: 'matmul (batched, broadcast)',
      family: 'matrix',
      f: (a, b) => matmul(a, b),
      inputs: () => [uniform([2, 3, 4], 48), uniform([4, 2], 49)],
    },
    {
      name: 'matmul (matrix @ vector)',
      family: 'matrix',
      f: (a, b) => matmul(a, b),
      inputs: () => [uniform([3, 4], 50), uniform([4], 51)],
    },
    {
      name: 'linear',
      family: 'fused',
      f: (x, w, b) => linear(x, w, b),
      inputs: () => [uniform([5, 4], 52), uniform([3, 4], 53), uniform([3], 54)],
    },
    {
      name: 'linear (no bias)',
      family: 'fused',
      f: (x, w) => linear(x, w),
      inputs: () => [uniform([5, 4], 55), uniform([3, 4], 56)],
    },

    // Shapes.
    shape('reshape', (x) => reshape(x, [2, 6]), 57),
    shape('permute', (x) => permute(x, [1, 0]), 58),
    shape('transpose', (x) => transpose(x), 59),
    shape('astype (float64)', (x) => astype(x, 'float64'), 101),
    {
      name: 'broadcastTo',
      family: 'shape',
      f: (x) => broadcastTo(x, [2, 3, 4]),
      inputs: () => [uniform([3, 1], 60)],
    },
    {
      name: 'squeeze',
      family: 'shape',
      f: (x) => squeeze(x, 1),
      inputs: () => [uniform([3, 1, 4], 61)],
    },
    shape('unsqueeze', (x) => unsqueeze(x, 0), 62),
    shape('slice (step 2)', (x) => slice(x, { axis: 1, start: 0, end: 4, step: 2 }), 63),
    {
      name: 'concat',
      family: 'shape',
      f: (a, b) => concat([a, b], { axis: 0 }),
      inputs: () => [uniform([2, 4], 64), uniform([3, 4], 65)],
    },
    {
      name: 'stack',
      family: 'shape',
      f: (a, b) => stack([a, b], { axis: 1 }),
      inputs: () => [uniform(S, 66), uniform(S, 67)],
    },
    (() => {
      const index = indices([2, 4], 68, 3);
      return shape('gather (repeated indices)', (x) => gather(x, index, { axis: 0 }), 69);
    })(),
    (() => {
      const index = tensor([2, 0, 2], { dtype: 'int32' });
      return shape('indexSelect', (x) => indexSelect(x, index, { axis: 1 }), 70);
    })(),

    // The fused losses of @nabla/autograd.
    (() => {
      const target = indices([5], 71, 4);
      return {
        name: 'crossEntropyWithLogits',
        family: 'fused' as const,
        f: (z) => crossEntropyWithLogits(z, target),
        inputs: () => [uniform([5, 4], 72, -3, 3)],
      };
    })(),
    (() => {
      const target = probabilities(5, 4, 73);
      return {
        name: 'crossEntropyWithLogits (probabilities)',
        family: 'fused' as const,
        f: (z) => crossEntropyWithLogits(z, target, { reduction: 'sum' }),
        inputs: () => [uniform([5, 4], 74, -3, 3)],
      };
    })(),
    (() => {
      const target = uniform([5, 3], 75, 0, 1);
      return {
        name: 'binaryCrossEntropyWithLogits (fused)',
        family: 'fused' as const,
        f: (z) => bceWithLogitsFused(z, target, { reduction: 'none' }),
        inputs: () => [uniform([5, 3], 76, -4, 4)],
      };
    })(),

    // @nabla/losses.
    (() => {
      const target = uniform([5, 3], 77);
      return lossCase(
        'mseLoss',
        (x) => mseLoss(x, target),
        () => uniform([5, 3], 78),
      );
    })(),
    (() => {
      const target = uniform([5, 3], 79);
      return lossCase(
        'l1Loss',
        (x) => l1Loss(x, target),
        () => plus(target, awayFrom([5, 3], 80, [0], { margin: 0.1 })),
      );
    })(),
    (() => {
      const target = uniform([5, 3], 81);
      return lossCase(
        'huberLoss (delta 0.5)',
        (x) => huberLoss(x, target, { delta: 0.5 }),
        () => plus(target, awayFrom([5, 3], 82, [-0.5, 0, 0.5], { low: -2, high: 2 })),
      );
    })(),
    lossCase(
      'binaryCrossEntropy',
      (p) => binaryCrossEntropy(p, uniform([5, 3], 83, 0, 1)),
      () => uniform([5, 3], 84, 0.1, 0.9),
    ),
    lossCase(
      'binaryCrossEntropyWithLogits (posWeight)',
      (z) => binaryCrossEntropyWithLogits(z, uniform([5, 3], 85, 0, 1), { posWeight: 2 }),
      () => uniform([5, 3], 86, -4, 4),
    ),
    lossCase(
      'crossEntropy',
      (z) => crossEntropy(z, indices([6], 87, 4)),
      () => uniform([6, 4], 88, -3, 3),
    ),
    lossCase(
      'crossEntropy (weight, labelSmoothing)',
      (z) =>
        crossEntropy(z, indices([6], 89, 4), {
          weight: uniform([4], 90, 0.5, 2),
          labelSmoothing: 0.1,
        }),
      () => uniform([6, 4], 91, -3, 3),
    ),
    lossCase(
      'crossEntropy (probabilities)',
      (z) => crossEntropy(z, probabilities(6, 4, 92)),
      () => uniform([6, 4], 93, -3, 3),
    ),
    lossCase(
      'nllLoss (after logSoftmax)',
      (z) => nllLoss(logSoftmax(z, { axis: 1 }), indices([6], 94, 4)),
      () => uniform([6, 4], 95, -3, 3),
    ),
    {
      name: 'l2Penalty',
      family: 'loss',
      f: (a, b) => l2Penalty([a, b]),
      inputs: () => [uniform(S, 96), uniform([4], 97)],
    },

    // A whole model: an MLP's logits through crossEntropy, checked with respect to its input.
    (() => {
      const model = mlp([4, 5, 3], { activation: 'tanh', seed: 98 }).to('float64');
      const target = indices([6], 99, 3);
      return {
        name: 'mlp → crossEntropy',
        family: 'layer' as const,
        f: (x) => crossEntropy(model.forward(x), target),
        inputs: () => [uniform([6, 4], 100)],
      };
    })(),
  ];
  return cases;
}

function red(name: string, f: GradcheckFunction, seed: number): GradcheckCase {
  return { name, family: 'reduction', f, inputs: () => [uniform(S, seed, -2, 2)] };
}

function shape(name: string, f: GradcheckFunction, seed: number): GradcheckCase {
  return { name, family: 'shape', f, inputs: () => [uniform(S, seed)] };
}

function lossCase(name: string, f: GradcheckFunction, input: () => Tensor): GradcheckCase {
  return { name, family: 'loss', f, inputs: () => [input()] };
}
