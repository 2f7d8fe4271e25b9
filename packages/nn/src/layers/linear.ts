import { linear, Variable } from '@nabla/autograd';
import { ArgumentError, type FloatDType, Generator, zeros } from '@nabla/tensor';
import { uniform } from '../init.js';
import { type Input, Module } from '../module.js';

export interface LinearOptions {
  /** Add a learnable bias (default true). */
  bias?: boolean;
  /** Parameter dtype, default float32. */
  dtype?: FloatDType;
  /**
   * Seed of the initialisation, default 0: `new Linear(4, 3)` is the same layer on every run.
   * Two layers built with the same seed and shape start identical; give each its own seed, or
   * share one `generator`, for independent draws (`mlp` does the latter).
   */
  seed?: number;
  /** A generator to draw the initial values from (instead of `seed`), advancing it. */
  generator?: Generator;
}

/**
 * `y = x Wᵀ + b`, PyTorch's `nn.Linear`: `weight` is `[outFeatures, inFeatures]`, `bias` is
 * `[outFeatures]` (or `null`), and both start as PyTorch starts them, uniform in ±1/√inFeatures
 * (PyTorch's `kaiming_uniform_(a=√5)` works out to exactly this bound), weight drawn first. The
 * input is `[..., inFeatures]`; the output `[..., outFeatures]`.
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Variable;
  bias: Variable | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [name, n] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(n) || n < 0) {
        throw new ArgumentError(
          'Linear',
          `${name} must be a non-negative integer, got ${String(n)}`,
        );
      }
    }
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new ArgumentError(
        'Linear',
        `dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`,
      );
    }
    if (options.seed !== undefined && options.generator !== undefined) {
      throw new ArgumentError('Linear', 'give either seed or generator, not both');
    }
    const generator = options.generator ?? new Generator(options.seed ?? 0);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    this.weight = new Variable(
      uniform(zeros([outFeatures, inFeatures], { dtype }), { a: -bound, b: bound, generator }),
      true,
    );
    this.bias =
      options.bias === false
        ? null
        : new Variable(
            uniform(zeros([outFeatures], { dtype }), { a: -bound, b: bound, generator }),
            true,
          );
  }

  forward(input: Input): Variable {
    return linear(input, this.weight, this.bias ?? undefined);
  }

  override extraRepr(): string {
    const dtype = this.weight.dtype === 'float32' ? '' : `, dtype=${this.weight.dtype}`;
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}${dtype}`;
  }
}
