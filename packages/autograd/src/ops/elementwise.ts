// Elementwise ops. Each: the forward (a call into @nabla/tensor) and, a few lines away, its
// vector-Jacobian product written against `Ops<T>`. Binary ops broadcast; the engine sums their
// gradients back to each input's shape, so no backward here deals with broadcasting.

import type { ClampOptions, LeakyReluOptions, Tensor } from '@nabla/tensor';
import * as raw from '@nabla/tensor';
import { ArgumentError } from '@nabla/tensor';
import { reluGrad, sigmoidGrad, tanhGrad } from '../fast-grads.js';
import { erfScalar, mapFloat, softplusScalar } from '../kernels.js';
import {
  type OpDef,
  type Operand,
  operand,
  operands,
  recording,
  result,
  toVariable,
} from '../node.js';
import type { Variable } from '../variable.js';

function binary(def: OpDef, fn: (a: Tensor, b: Tensor) => Tensor, a: Operand, b: Operand) {
  const inputs = operands(def.name, a, b);
  const [va, vb] = inputs;
  return result(def, fn(va.data, vb.data), recording(va, vb), inputs, undefined);
}

function unary<S>(def: OpDef<S>, x: Variable, out: Tensor, saved: S): Variable {
  const record = recording(x);
  return result(def, out, record, record ? [x] : NONE, saved);
}

const NONE: readonly Variable[] = [];

// ---------------------------------------------------------------------------------------------
// Arithmetic

const ADD: OpDef = {
  name: 'add',
  backward: (_o, g) => [g, g],
};
/** `a + b`, broadcasting. */
export function add(a: Operand, b: Operand): Variable {
  return binary(ADD, raw.add, a, b);
}

const SUB: OpDef = {
  name: 'sub',
  backward: (o, g, n) => [g, n.needs(1) ? o.neg(g) : null],
};
/** `a - b`, broadcasting. */
export function sub(a: Operand, b: Operand): Variable {
  return binary(SUB, raw.sub, a, b);
}

const MUL: OpDef = {
  name: 'mul',
  backward: (o, g, n) => [
    n.needs(0) ? o.mul(g, o.lift(n.input(1))) : null,
    n.needs(1) ? o.mul(g, o.lift(n.input(0))) : null,
  ],
};
/** `a * b`, broadcasting. */
export function mul(a: Operand, b: Operand): Variable {
  return binary(MUL, raw.mul, a, b);
}

const DIV: OpDef = {
  name: 'div',
  backward: (o, g, n) => {
    // d(a/b)/da = 1/b; d(a/b)/db = -a/b² = -(a/b)/b, reusing g/b.
    const ga = o.div(g, o.lift(n.input(1)));
    return [n.needs(0) ? ga : null, n.needs(1) ? o.neg(o.mul(ga, o.lift(n.output))) : null];
  },
};
/** `a / b`, broadcasting. */
export function div(a: Operand, b: Operand): Variable {
  return binary(DIV, raw.div, a, b);
}

const POW: OpDef = {
  name: 'pow',
  backward: (o, g, n) => {
    const a = o.lift(n.input(0));
    const b = o.lift(n.input(1));
    return [
      // b · a^(b−1), not b · out / a, which is 0/0 at a = 0.
      n.needs(0) ? o.mul(g, o.mul(o.pow(a, o.sub(b, 1)), b)) : null,
      n.needs(1) ? o.mul(g, o.mul(o.lift(n.output), o.log(a))) : null,
    ];
  },
};
/** `a ** b`, broadcasting. The gradient for `b` needs `a > 0` (it involves `log a`). */
export function pow(a: Operand, b: Operand): Variable {
  return binary(POW, raw.pow, a, b);
}

/** The share of the gradient `a` gets from `maximum` (`minimum` with `less`): 1, ½ on ties, 0. */
function tieMask(a: Tensor, b: Tensor, less: boolean, like: Tensor): Tensor {
  const wins = raw.astype(less ? raw.lt(a, b) : raw.gt(a, b), like.dtype);
  const ties = raw.astype(raw.eq(a, b), like.dtype);
  return raw.add(wins, raw.mul(ties, 0.5));
}

function extremum(name: string, less: boolean): OpDef {
  return {
    name,
    backward: (o, g, n) => {
      const a = n.input(0).data;
      const b = n.input(1).data;
      const out = n.output.data;
      return [
        n.needs(0) ? o.mul(g, o.constant(tieMask(a, b, less, out))) : null,
        n.needs(1) ? o.mul(g, o.constant(tieMask(b, a, less, out))) : null,
      ];
    },
  };
}

const MAXIMUM = extremum('maximum', false);
/** Elementwise maximum, broadcasting; on ties each input gets half the gradient (as PyTorch). */
export function maximum(a: Operand, b: Operand): Variable {
  return binary(MAXIMUM, raw.maximum, a, b);
}

const MINIMUM = extremum('minimum', true);
/** Elementwise minimum, broadcasting; on ties each input gets half the gradient (as PyTorch). */
export function minimum(a: Operand, b: Operand): Variable {
  return binary(MINIMUM, raw.minimum, a, b);
}

const WHERE: OpDef<Tensor> = {
  name: 'where',
  backward: (o, g, n) => [
    n.needs(0) ? o.where(n.saved, g, 0) : null,
    n.needs(1) ? o.where(n.saved, 0, g) : null,
  ],
};
/** `cond ? a : b` elementwise, all three broadcasting; `cond` is a constant mask (not differentiated). */
export function where(cond: Variable | Tensor, a: Operand, b: Operand): Variable {
  const c = toVariable('where', cond, 'int32', 'condition').data;
  const inputs = operands('where', a, b);
  const [va, vb] = inputs;
  return result(WHERE, raw.where(c, va.data, vb.data), recording(va, vb), inputs, c);
}

// ---------------------------------------------------------------------------------------------
// Unary

const NEG: OpDef = { name: 'neg', backward: (o, g) => [o.neg(g)] };
export function neg(x: Variable | Tensor): Variable {
  const v = operand('neg', x);
  return unary(NEG, v, raw.neg(v.data), undefined);
}

const EXP: OpDef = { name: 'exp', backward: (o, g, n) => [o.mul(g, o.lift(n.output))] };
export function exp(x: Variable | Tensor): Variable {
  const v = operand('exp', x);
  return unary(EXP, v, raw.exp(v.data), undefined);
}

const LOG: OpDef = { name: 'log', backward: (o, g, n) => [o.div(g, o.lift(n.input(0)))] };
/** Natural logarithm. */
export function log(x: Variable | Tensor): Variable {
  const v = operand('log', x);
  return unary(LOG, v, raw.log(v.data), undefined);
}

const LOG1P: OpDef = {
  name: 'log1p',
  backward: (o, g, n) => [o.div(g, o.add(o.lift(n.input(0)), 1))],
};
/** `log(1 + x)`, accurate for small x. */
export function log1p(x: Variable | Tensor): Variable {
  const v = operand('log1p', x);
  return unary(LOG1P, v, raw.log1p(v.data), undefined);
}

const SQRT: OpDef = {
  name: 'sqrt',
  backward: (o, g, n) => [o.div(g, o.mul(o.lift(n.output), 2))],
};
export function sqrt(x: Variable | Tensor): Variable {
  const v = operand('sqrt', x);
  return unary(SQRT, v, raw.sqrt(v.data), undefined);
}

const ABS: OpDef = {
  name: 'abs',
  backward: (o, g, n) => [o.mul(g, o.constant(raw.sign(n.input(0).data)))],
};
/** `|x|`; its gradient at 0 is 0 (as PyTorch). */
export function abs(x: Variable | Tensor): Variable {
  const v = operand('abs', x);
  return unary(ABS, v, raw.abs(v.data), undefined);
}

const TANH: OpDef = {
  name: 'tanh',
  backward: (o, g, n) => {
    const y = o.lift(n.output);
    return [o.mul(g, o.sub(1, o.mul(y, y)))];
  },
  fast: (g, n) => [tanhGrad(g, n.output.data)],
};
export function tanh(x: Variable | Tensor): Variable {
  const v = operand('tanh', x);
  return unary(TANH, v, raw.tanh(v.data), undefined);
}

const SIGMOID: OpDef = {
  name: 'sigmoid',
  backward: (o, g, n) => {
    const y = o.lift(n.output);
    return [o.mul(g, o.mul(y, o.sub(1, y)))];
  },
  fast: (g, n) => [sigmoidGrad(g, n.output.data)],
};
/**
 * `1 / (1 + e^-x)`. A primitive for numerical stability: the composite `1 / (1 + exp(-x))`
 * overflows for x below about -710 (float64) or -88 (float32); this never does.
 */
export function sigmoid(x: Variable | Tensor): Variable {
  const v = operand('sigmoid', x);
  return unary(SIGMOID, v, raw.sigmoid(v.data), undefined);
}

const SOFTPLUS: OpDef = {
  name: 'softplus',
  backward: (o, g, n) => [o.mul(g, o.sigmoid(o.lift(n.input(0))))],
};
/**
 * `log(1 + e^x)`, with derivative `sigmoid(x)`. A primitive for numerical stability: computed as
 * `max(x, 0) + log1p(e^-|x|)`, finite for any x (`-softplus(-x)` is `log(sigmoid(x))`).
 */
export function softplus(x: Variable | Tensor): Variable {
  const v = operand('softplus', x);
  return unary(SOFTPLUS, v, mapFloat(v.data, softplusScalar), undefined);
}

const RELU: OpDef = {
  name: 'relu',
  backward: (o, g, n) => [o.where(raw.gt(n.input(0).data, 0), g, 0)],
  fast: (g, n) => [reluGrad(g, n.input(0).data)],
};
/** `max(x, 0)`; its gradient at 0 is 0 (as PyTorch). */
export function relu(x: Variable | Tensor): Variable {
  const v = operand('relu', x);
  return unary(RELU, v, raw.relu(v.data), undefined);
}

const LEAKY_RELU: OpDef<number> = {
  name: 'leakyRelu',
  backward: (o, g, n) => [o.where(raw.gt(n.input(0).data, 0), g, o.mul(g, n.saved))],
};
/** `x` for x > 0, `negativeSlope · x` otherwise (default slope 0.01). */
export function leakyRelu(x: Variable | Tensor, options: LeakyReluOptions = {}): Variable {
  const v = operand('leakyRelu', x);
  const out = raw.leakyRelu(v.data, options);
  return unary(LEAKY_RELU, v, out, options.negativeSlope ?? 0.01);
}

const CLAMP: OpDef<ClampOptions> = {
  name: 'clamp',
  backward: (o, g, n) => {
    const x = n.input(0).data;
    const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = n.saved;
    // The gradient passes where min <= x <= max, bounds included (as PyTorch).
    return [o.where(raw.mul(raw.ge(x, min), raw.le(x, max)), g, 0)];
  },
};
/** Limits values to `[min, max]`; either bound may be omitted. */
export function clamp(x: Variable | Tensor, options: ClampOptions): Variable {
  const v = operand('clamp', x);
  const out = raw.clamp(v.data, options);
  return unary(CLAMP, v, out, { min: options.min, max: options.max });
}

const ERF: OpDef = {
  name: 'erf',
  backward: (o, g, n) => {
    const x = o.lift(n.input(0));
    return [o.mul(g, o.mul(o.exp(o.neg(o.mul(x, x))), 2 / Math.sqrt(Math.PI)))];
  },
};
/**
 * The error function. A primitive because @nabla/tensor has no erf kernel (the kernel lives in
 * this package for now); `gelu` is built on it.
 */
export function erf(x: Variable | Tensor): Variable {
  const v = operand('erf', x);
  return unary(ERF, v, mapFloat(v.data, erfScalar), undefined);
}

export interface GeluOptions {
  /** `'none'` (default): `x · Φ(x)` exactly, via erf; `'tanh'`: the tanh approximation. */
  approximate?: 'none' | 'tanh';
}

/**
 * Gaussian error linear unit, `x · Φ(x)` (PyTorch's `gelu`, including `approximate: 'tanh'`). A
 * composite of erf (or tanh), mul and add: it has no gradient code of its own.
 */
export function gelu(x: Variable | Tensor, options: GeluOptions = {}): Variable {
  const approximate = options.approximate ?? 'none';
  if (approximate === 'tanh') {
    const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
    return mul(mul(x, 0.5), add(tanh(inner), 1));
  }
  if (approximate !== 'none') {
    throw new ArgumentError(
      'gelu',
      `approximate must be 'none' or 'tanh', got ${String(approximate)}`,
    );
  }
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
}
