import { mul, type Variable } from '@nabla/autograd';
import { ArgumentError, bernoulli, Generator, isFloatDType } from '@nabla/tensor';
import { asVariable, type Input, Module } from '../module.js';

export interface DropoutOptions {
  /** Seed of the mask generator, default 0 (the same masks on every run). */
  seed?: number;
  /** A generator to draw the masks from instead of `seed` (the module keeps advancing it). */
  generator?: Generator;
}

/**
 * Inverted dropout (Srivastava et al., 2014, as PyTorch implements it): in training, each input
 * is zeroed with probability `p` and the survivors are scaled by 1/(1 − p); in evaluation
 * (`eval()`) it is the identity.
 *
 * The lecture's form is equivalent: there, training zeroes without scaling and inference
 * multiplies by the keep probability q = 1 − p. Both keep the expected training activation
 * equal to the inference activation (q·x in the lecture's form, x here), and for the same mask
 * the outputs differ only by the constant factor 1/q, which the next layer's weights absorb
 * (scale them by q to move a model from one form to the other). The inverted form leaves
 * inference untouched, so a trained model needs no dropout at all when it is used.
 *
 * Masks come from the module's own seeded generator (default seed 0), so a training run is
 * reproducible; build dropout layers with different seeds (as `mlp` does) for independent masks.
 * `generators()` reaches the generator (whichever way it was given), so `fit`'s checkpoints
 * restore the masks of a resumed run.
 */
export class Dropout extends Module {
  /** The probability of zeroing an element. */
  readonly p: number;
  #generator: Generator;

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super();
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new ArgumentError('Dropout', `p must be a probability in [0, 1], got ${String(p)}`);
    }
    if (options.seed !== undefined && options.generator !== undefined) {
      throw new ArgumentError('Dropout', 'give either seed or generator, not both');
    }
    this.p = p;
    this.#generator = options.generator ?? new Generator(options.seed ?? 0);
  }

  forward(input: Input): Variable {
    const x = asVariable(input);
    if (!this.training || this.p === 0) return x;
    const dtype = x.dtype;
    if (!isFloatDType(dtype)) {
      throw new ArgumentError('Dropout', `needs a float input, got ${dtype}`);
    }
    const keep = 1 - this.p;
    const mask = bernoulli(keep, { shape: x.shape, generator: this.#generator, dtype });
    if (keep > 0) {
      const m = mask.data;
      const scale = 1 / keep;
      for (let i = 0; i < m.length; i++) m[i] = m[i]! * scale;
    }
    return mul(x, mask);
  }

  /** The mask generator, so a checkpoint (`module.generators()`) can save where it stands. */
  protected override ownGenerators(): readonly Generator[] {
    return [this.#generator];
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
