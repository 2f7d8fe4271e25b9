import { Variable } from '@nabla/autograd';
import {
  ArgumentError,
  type FloatDType,
  formatShape,
  ShapeError,
  Tensor,
  tensor,
  zeros,
} from '@nabla/tensor';
import { type Input, Module } from './module.js';

export interface PerceptronOptions {
  /** Parameter dtype, default float32. */
  dtype?: FloatDType;
}

/** What `fit` passes to `onUpdate` after each weight update (the playground animates these). */
export interface PerceptronUpdate {
  /** The epoch, counting from 1. */
  epoch: number;
  /** The example's row in the inputs. */
  index: number;
  input: readonly number[];
  target: number;
  /** The output before the update (the wrong one). */
  output: number;
  /** e = target − output: +1 or −1. */
  error: number;
  /** The weights after the update (a copy). */
  weight: readonly number[];
  /** The bias after the update. */
  bias: number;
  /** Updates so far, this one included. */
  updates: number;
}

export interface PerceptronFitOptions {
  /** Stop after this many passes over the data (default 100). */
  maxEpochs?: number;
  /** Called after every update, in order. */
  onUpdate?: (update: PerceptronUpdate) => void;
}

export interface PerceptronFitResult {
  /** Whether a whole epoch went by without an error: every example is classified correctly. */
  converged: boolean;
  /** Passes over the data made, the last (error-free, if converged) one included. */
  epochs: number;
  /** Weight updates made in all, one per misclassified example seen. */
  updates: number;
}

/**
 * Rosenblatt's perceptron (1958), as in the lecture: a threshold unit
 *
 *   y = 1 if w·x + b ≥ 0, else 0
 *
 * trained by the perceptron rule. The bias is the weight of an extra input that is always 1, so
 * with x̃ = (x, 1) and w̃ = (w, b) one update is w̃ ← w̃ + e·x̃ with the error e = t − y ∈ {−1, 0, 1}:
 * nothing changes for a correct output, and a wrong one moves the boundary towards classifying
 * that example correctly. The weights start at zero; `fit` visits the examples in order, epoch
 * after epoch, until an epoch has no error (the perceptron convergence theorem guarantees this
 * for linearly separable data) or `maxEpochs` is reached (XOR never gets there).
 *
 * Targets are 0 and 1. The parameters (`weight` `[inputs]`, `bias` `[]`) need no gradients.
 */
export class Perceptron extends Module {
  readonly inputs: number;
  weight: Variable;
  bias: Variable;

  constructor(inputs: number, options: PerceptronOptions = {}) {
    super();
    if (!Number.isInteger(inputs) || inputs < 1) {
      throw new ArgumentError(
        'Perceptron',
        `inputs must be a positive integer, got ${String(inputs)}`,
      );
    }
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new ArgumentError(
        'Perceptron',
        `dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`,
      );
    }
    this.inputs = inputs;
    this.weight = new Variable(zeros([inputs], { dtype }), false);
    this.bias = new Variable(zeros([], { dtype }), false);
  }

  /** The threshold outputs (0 or 1) for `[N, inputs]` (→ `[N]`) or one `[inputs]` example (→ `[]`). */
  forward(input: Input): Variable {
    const x = input instanceof Variable ? input.data : input;
    if (!(x instanceof Tensor))
      throw new ArgumentError('Perceptron.forward', 'expects a Tensor or Variable');
    const rows = this.#rows('Perceptron.forward', x);
    const out = zeros(x.rank === 1 ? [] : [rows], { dtype: this.weight.dtype });
    for (let i = 0; i < rows; i++) out.data[i] = this.#output(x.data, i * this.inputs);
    return new Variable(out, false, 'Perceptron');
  }

  /** The 0/1 outputs as plain numbers, one per row of `inputs`. */
  predict(inputs: Tensor | readonly (readonly number[])[]): number[] {
    const x = this.#matrix('Perceptron.predict', inputs);
    return Array.from({ length: x.shape[0]! }, (_, i) => this.#output(x.data, i * this.inputs));
  }

  /**
   * Trains with the perceptron rule (see the class comment) on `inputs` `[N, inputs]` and 0/1
   * `targets` `[N]`, continuing from the current weights.
   */
  fit(
    inputs: Tensor | readonly (readonly number[])[],
    targets: Tensor | readonly number[],
    options: PerceptronFitOptions = {},
  ): PerceptronFitResult {
    const op = 'Perceptron.fit';
    const x = this.#matrix(op, inputs);
    const n = x.shape[0]!;
    const t =
      targets instanceof Tensor ? targets : tensor(Array.from(targets), { dtype: 'float64' });
    if (t.rank !== 1 || t.shape[0] !== n) {
      throw new ShapeError(
        op,
        `targets must have shape [${n}] (one per input row), got ${formatShape(t.shape)}`,
      );
    }
    for (let i = 0; i < n; i++) {
      const v = t.data[i]!;
      if (v !== 0 && v !== 1)
        throw new ArgumentError(op, `targets must be 0 or 1; target ${i} is ${v}`);
    }
    const maxEpochs = options.maxEpochs ?? 100;
    if (!Number.isInteger(maxEpochs) || maxEpochs < 1) {
      throw new ArgumentError(op, `maxEpochs must be a positive integer, got ${String(maxEpochs)}`);
    }

    const w = this.weight.data.data;
    const b = this.bias.data.data;
    const d = this.inputs;
    let updates = 0;
    for (let epoch = 1; epoch <= maxEpochs; epoch++) {
      let errors = 0;
      for (let i = 0; i < n; i++) {
        const output = this.#output(x.data, i * d);
        const error = t.data[i]! - output;
        if (error === 0) continue;
        errors++;
        updates++;
        for (let j = 0; j < d; j++) w[j] = w[j]! + error * x.data[i * d + j]!;
        b[0] = b[0]! + error;
        options.onUpdate?.({
          epoch,
          index: i,
          input: Array.from(x.data.subarray(i * d, (i + 1) * d)),
          target: t.data[i]!,
          output,
          error,
          weight: Array.from(w),
          bias: b[0]!,
          updates,
        });
      }
      if (errors === 0) return { converged: true, epochs: epoch, updates };
    }
    return { converged: false, epochs: maxEpochs, updates };
  }

  override extraRepr(): string {
    return `inputs=${this.inputs}`;
  }

  /** The threshold unit on the row starting at `offset`. */
  #output(x: ArrayLike<number>, offset: number): number {
    const w = this.weight.data.data;
    let z = this.bias.data.data[0]!;
    for (let j = 0; j < this.inputs; j++) z += w[j]! * x[offset + j]!;
    return z >= 0 ? 1 : 0;
  }

  #rows(op: string, x: Tensor): number {
    const ok =
      (x.rank === 2 && x.shape[1] === this.inputs) || (x.rank === 1 && x.shape[0] === this.inputs);
    if (!ok) {
      throw new ShapeError(
        op,
        `expects [N, ${this.inputs}] inputs (or one [${this.inputs}] example), got ${formatShape(x.shape)}`,
      );
    }
    return x.rank === 1 ? 1 : x.shape[0]!;
  }

  #matrix(op: string, inputs: Tensor | readonly (readonly number[])[]): Tensor {
    let x: Tensor;
    if (inputs instanceof Tensor) x = inputs;
    else if (Array.isArray(inputs) && inputs.length === 0) x = zeros([0, this.inputs]);
    else
      x = tensor(
        inputs.map((row) => Array.from(row)),
        { dtype: 'float64' },
      );
    if (x.rank !== 2 || x.shape[1] !== this.inputs) {
      throw new ShapeError(
        op,
        `expects inputs of shape [N, ${this.inputs}], got ${formatShape(x.shape)}`,
      );
    }
    return x;
  }
}
