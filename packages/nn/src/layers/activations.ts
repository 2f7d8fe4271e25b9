// Activation functions as modules, each a thin shell over the differentiable op of the same
// name in @nabla/autograd (the op holds the math and the gradient; the module holds settings).
import {
  gelu,
  leakyRelu,
  logSoftmax,
  relu,
  sigmoid,
  softmax,
  tanh,
  type Variable,
} from '@nabla/autograd';
import { ArgumentError } from '@nabla/tensor';
import { type Input, Module } from '../module.js';

/** max(0, x). */
export class ReLU extends Module {
  forward(input: Input): Variable {
    return relu(input);
  }
}

export interface LeakyReLUOptions {
  /** The slope for x < 0, default 0.01 as in PyTorch. */
  negativeSlope?: number;
}

/** x for x ≥ 0, negativeSlope·x below. */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;

  constructor(options: LeakyReLUOptions = {}) {
    super();
    const slope = options.negativeSlope ?? 0.01;
    if (typeof slope !== 'number' || !Number.isFinite(slope)) {
      throw new ArgumentError(
        'LeakyReLU',
        `negativeSlope must be a finite number, got ${String(slope)}`,
      );
    }
    this.negativeSlope = slope;
  }

  forward(input: Input): Variable {
    return leakyRelu(input, { negativeSlope: this.negativeSlope });
  }

  override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}`;
  }
}

/** 1 / (1 + e^−x): the Bernoulli output unit. */
export class Sigmoid extends Module {
  forward(input: Input): Variable {
    return sigmoid(input);
  }
}

/** The hyperbolic tangent. */
export class Tanh extends Module {
  forward(input: Input): Variable {
    return tanh(input);
  }
}

export interface GELUOptions {
  /** `'none'` (default): x·Φ(x) with the exact normal CDF; `'tanh'`: PyTorch's tanh approximation. */
  approximate?: 'none' | 'tanh';
}

/** The Gaussian error linear unit, x·Φ(x) (Hendrycks and Gimpel, 2016). */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';

  constructor(options: GELUOptions = {}) {
    super();
    const approximate = options.approximate ?? 'none';
    if (approximate !== 'none' && approximate !== 'tanh') {
      throw new ArgumentError(
        'GELU',
        `approximate must be 'none' or 'tanh', got ${JSON.stringify(approximate)}`,
      );
    }
    this.approximate = approximate;
  }

  forward(input: Input): Variable {
    return gelu(input, { approximate: this.approximate });
  }

  override extraRepr(): string {
    return this.approximate === 'none' ? '' : `approximate=${this.approximate}`;
  }
}

export interface AxisOptions {
  /** The axis that sums to one, default −1 (the last: classes of a `[N, C]` batch). */
  axis?: number;
}

/**
 * exp(x) / Σ exp(x) along `axis`: the multinomial output unit. Do not put it in front of
 * `crossEntropy`, which applies log-softmax itself and wants logits.
 */
export class Softmax extends Module {
  readonly axis: number;

  constructor(options: AxisOptions = {}) {
    super();
    this.axis = checkAxis('Softmax', options.axis);
  }

  forward(input: Input): Variable {
    return softmax(input, { axis: this.axis });
  }

  override extraRepr(): string {
    return `axis=${this.axis}`;
  }
}

/** x − logsumexp(x) along `axis`: log-probabilities, for `nllLoss`. */
export class LogSoftmax extends Module {
  readonly axis: number;

  constructor(options: AxisOptions = {}) {
    super();
    this.axis = checkAxis('LogSoftmax', options.axis);
  }

  forward(input: Input): Variable {
    return logSoftmax(input, { axis: this.axis });
  }

  override extraRepr(): string {
    return `axis=${this.axis}`;
  }
}

function checkAxis(op: string, axis: number | undefined): number {
  const a = axis ?? -1;
  if (!Number.isInteger(a))
    throw new ArgumentError(op, `axis must be an integer, got ${String(a)}`);
  return a;
}
