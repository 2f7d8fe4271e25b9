import { reshape, type Variable } from '@nabla/autograd';
import { ArgumentError, normalizeAxis } from '@nabla/tensor';
import { asVariable, type Input, Module } from '../module.js';

/** Returns its input: a placeholder, e.g. to switch a layer off without changing state-dict keys. */
export class Identity extends Module {
  forward(input: Input): Variable {
    return asVariable(input);
  }
}

export interface FlattenOptions {
  /** First axis to merge, default 1 (keeps the batch axis, as PyTorch). */
  startAxis?: number;
  /** Last axis to merge, default −1. */
  endAxis?: number;
}

/** Merges axes `startAxis..endAxis` into one: `[N, 28, 28]` → `[N, 784]` for an MLP. */
export class Flatten extends Module {
  readonly startAxis: number;
  readonly endAxis: number;

  constructor(options: FlattenOptions = {}) {
    super();
    this.startAxis = options.startAxis ?? 1;
    this.endAxis = options.endAxis ?? -1;
    for (const [name, v] of [
      ['startAxis', this.startAxis],
      ['endAxis', this.endAxis],
    ] as const) {
      if (!Number.isInteger(v))
        throw new ArgumentError('Flatten', `${name} must be an integer, got ${String(v)}`);
    }
  }

  forward(input: Input): Variable {
    const x = asVariable(input);
    const rank = x.shape.length;
    if (rank === 0) return reshape(x, [1]);
    const start = normalizeAxis('Flatten', this.startAxis, rank);
    const end = normalizeAxis('Flatten', this.endAxis, rank);
    if (start > end) {
      throw new ArgumentError(
        'Flatten',
        `startAxis ${this.startAxis} comes after endAxis ${this.endAxis} for rank ${rank}`,
      );
    }
    let merged = 1;
    for (let i = start; i <= end; i++) merged *= x.shape[i]!;
    return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
  }

  override extraRepr(): string {
    return `startAxis=${this.startAxis}, endAxis=${this.endAxis}`;
  }
}
