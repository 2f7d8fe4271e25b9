import type { Variable } from '@nabla/autograd';
import { ArgumentError } from '@nabla/tensor';
import { asVariable, type Input, Module } from '../module.js';

/**
 * Modules applied one after another, PyTorch's `nn.Sequential`. The children are stored under
 * the names `0`, `1`, …, so state-dict keys are PyTorch's (`0.weight`, `2.bias`) and a model
 * moves between the two; `seq[0]` is the first module.
 *
 * ```ts
 * const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 2));
 * ```
 */
export class Sequential extends Module {
  readonly [index: number]: Module;

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) {
        throw new ArgumentError('Sequential', `argument ${i} is not a Module`);
      }
      (this as unknown as Record<number, Module>)[i] = m;
    });
  }

  /** The number of modules. */
  get length(): number {
    let n = 0;
    while ((this as unknown as Record<number, Module | undefined>)[n] !== undefined) n++;
    return n;
  }

  /** Adds a module at the end (named by its position) and returns the Sequential. */
  append(module: Module): this {
    if (!(module instanceof Module))
      throw new ArgumentError('Sequential.append', 'expects a Module');
    (this as unknown as Record<number, Module>)[this.length] = module;
    return this;
  }

  /** Each module in order; a module listed twice runs twice (weight sharing), as in PyTorch. */
  *[Symbol.iterator](): Iterator<Module> {
    for (let i = 0; i < this.length; i++) yield this[i]!;
  }

  forward(input: Input): Variable {
    let x: Input = input;
    for (const m of this) x = m.forward(x);
    return asVariable(x);
  }
}
