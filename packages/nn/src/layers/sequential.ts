import {
  isGradEnabled,
  type LinearActivation,
  linear,
  markIntermediate,
  type Variable,
} from '@nabla/autograd';
import { ArgumentError, Tensor } from '@nabla/tensor';
import { asVariable, type Input, Module } from '../module.js';
import { GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Tanh } from './activations.js';
import { Dropout } from './dropout.js';
import { Linear } from './linear.js';
import { Flatten, Identity } from './shape.js';

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
    // Indexed, not `for...of`: the iterator re-counts the modules on every step.
    const modules = this as unknown as Record<number, Module | undefined>;
    const outputs: Variable[] = [];
    // producers[k]: the index of the module whose forward made outputs[k] (the activation's,
    // when a Linear and its activation ran as one op).
    const producers: number[] = [];
    for (let i = 0; ; i++) {
      const m = modules[i];
      if (m === undefined) break;
      const activation = fusedActivation(m, modules[i + 1]);
      if (activation !== null) {
        const layer = m as Linear;
        x = linear(x, layer.weight, layer.bias, { activation });
        i++;
      } else {
        x = m.forward(x);
      }
      outputs.push(x);
      producers.push(i);
    }
    if (isGradEnabled()) markActivations(this, input, outputs, producers);
    return asVariable(x);
  }
}

/**
 * The activation a built-in `Linear` followed by a built-in `Tanh`, `ReLU` or `Sigmoid` can apply
 * as part of autograd's `linear` op: one graph node instead of two, the same values and
 * gradients. Null for anything else, including subclasses that override `forward`.
 */
function fusedActivation(m: Module, next: Module | undefined): LinearActivation | null {
  if (next === undefined || m.forward !== Linear.prototype.forward) return null;
  const f = next.forward;
  if (f === Tanh.prototype.forward) return 'tanh';
  if (f === ReLU.prototype.forward) return 'relu';
  if (f === Sigmoid.prototype.forward) return 'sigmoid';
  return null;
}

/**
 * Built-in layers whose `forward` keeps no reference to its input or output. A subclass that
 * overrides `forward` has another function there, so it is not on this list.
 */
const KEEP_NOTHING: ReadonlySet<unknown> = new Set([
  Linear.prototype.forward,
  ReLU.prototype.forward,
  LeakyReLU.prototype.forward,
  Tanh.prototype.forward,
  Sigmoid.prototype.forward,
  GELU.prototype.forward,
  Softmax.prototype.forward,
  LogSoftmax.prototype.forward,
  Dropout.prototype.forward,
  Identity.prototype.forward,
  Flatten.prototype.forward,
]);

function keepsNothing(m: Module): boolean {
  if (m instanceof Sequential) {
    if (m.forward !== Sequential.prototype.forward) return false;
    for (const child of m) if (!keepsNothing(child)) return false;
    return true;
  }
  return KEEP_NOTHING.has(m.forward);
}

/**
 * Marks the activations passed between two built-in layers as intermediate (see autograd's
 * `markIntermediate`): only the graph holds them, so backward recycles their buffers and a
 * training step does not allocate its activations anew. An activation sharing its buffer with
 * any other (a view made by Flatten or Identity) is left alone, and so is the output.
 */
function markActivations(
  seq: Sequential,
  input: Input,
  outputs: readonly Variable[],
  producers: readonly number[],
): void {
  const last = outputs.length - 1;
  for (let i = 0; i < last; i++) {
    const v = outputs[i]!;
    const p = producers[i]!;
    if (v.node === null || !keepsNothing(seq[p]!) || !keepsNothing(seq[p + 1]!)) continue;
    const buffer = v.data.data;
    let shared = (input instanceof Tensor ? input.data : input.data.data) === buffer;
    for (let j = 0; j <= last && !shared; j++) shared = j !== i && outputs[j]!.data.data === buffer;
    if (!shared) markIntermediate(v);
  }
}
