import { Variable } from '@nabla/autograd';
import {
  ArgumentError,
  astype,
  type FloatDType,
  formatShape,
  type Generator as RandomGenerator,
  Tensor,
} from '@nabla/tensor';
import { StateDictError, type StateDictProblem } from './errors.js';
import { emptyDict, entriesOf, type StateDict, type StateDictLike } from './state-dict.js';

/** What a module's `forward` takes: a Variable, or a Tensor (treated as a constant input). */
export type Input = Variable | Tensor;

export interface LoadStateDictOptions {
  /**
   * Require the keys to match exactly (default true). With `false`, missing and unexpected keys
   * are reported in the result instead of thrown; shape and dtype mismatches always throw.
   */
  strict?: boolean;
}

export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** A value reached while walking a module's properties, with its dotted name. */
type Found =
  | { name: string; kind: 'parameter'; value: Variable }
  | { name: string; kind: 'module'; value: Module };

/**
 * The base of every layer and model, after PyTorch's `nn.Module`, without registration calls:
 * a module's parameters and submodules are found by walking its own enumerable properties in
 * definition order, so
 *
 * ```ts
 * class Net extends Module {
 *   fc1 = new Linear(4, 8);
 *   act = new Tanh();
 *   fc2 = new Linear(8, 2);
 *   forward(x: Input) { return this.fc2.forward(this.act.forward(this.fc1.forward(x))); }
 * }
 * ```
 *
 * has the parameters `fc1.weight`, `fc1.bias`, `fc2.weight`, `fc2.bias`, like the same class in
 * PyTorch. The rules: a property holding a `Variable` is a parameter, one holding a `Module` is
 * a child, an array of those is numbered (`layers.0.weight`); everything else (numbers,
 * options, `null` for an absent bias) is ignored. Keep other Variables or Modules a module
 * holds but does not own in `#private` fields, which the walk cannot see. A parameter or module
 * reachable twice is reported once by `parameters()` (under its first name) and under every
 * name by `stateDict()`, as in PyTorch; reference cycles are not followed.
 *
 * Integer-like property names (`0`, `1`, …, as `Sequential` uses) come first, in numeric order,
 * then the others in definition order: that is JavaScript's property order.
 */
export abstract class Module {
  /** True in training mode (the default); `eval()` clears it, e.g. to turn dropout off. */
  training = true;

  /** The computation. Tensors are accepted as constant inputs. */
  abstract forward(input: Input): Variable;

  /** Every parameter, each once, in definition order: what an optimizer takes. */
  parameters(): Variable[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** `[dottedName, parameter]` pairs, each parameter once, in definition order. */
  namedParameters(): [string, Variable][] {
    const seen = new Set<Variable>();
    const out: [string, Variable][] = [];
    for (const f of walk(this)) {
      if (f.kind === 'parameter' && !seen.has(f.value)) {
        seen.add(f.value);
        out.push([f.name, f.value]);
      }
    }
    return out;
  }

  /** The direct submodules, in definition order. */
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** `[name, submodule]` pairs of the direct submodules (`0`, `1`, … in a Sequential). */
  namedChildren(): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    for (const [name, m] of directChildren(this)) {
      if (seen.has(m)) continue;
      seen.add(m);
      out.push([name, m]);
    }
    return out;
  }

  /** This module and every submodule below it, depth first, each once. */
  modules(): Module[] {
    const out: Module[] = [this];
    for (const f of walk(this)) if (f.kind === 'module') out.push(f.value);
    return out;
  }

  /** Sets training mode (default) or evaluation mode on this module and every submodule. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: `train(false)`. Dropout becomes the identity. */
  eval(): this {
    return this.train(false);
  }

  /**
   * Every random generator this module and its submodules draw from while training (Dropout's
   * masks), each once, in module order. A training checkpoint must hold their states for a
   * resumed run to draw the same numbers; `fit` from @nabla/train saves and restores them by
   * itself.
   */
  generators(): RandomGenerator[] {
    const out: RandomGenerator[] = [];
    const seen = new Set<RandomGenerator>();
    for (const m of this.modules()) {
      for (const g of m.ownGenerators()) {
        if (seen.has(g)) continue;
        seen.add(g);
        out.push(g);
      }
    }
    return out;
  }

  /**
   * The generators this module itself (not its submodules) draws from while training. A layer
   * holding a generator in a `#private` field overrides this, so `generators()` finds it.
   */
  protected ownGenerators(): readonly RandomGenerator[] {
    return [];
  }

  /** The number of scalar parameters (shared parameters counted once). */
  numParameters(): number {
    return this.parameters().reduce((n, p) => n + p.data.size, 0);
  }

  /**
   * A snapshot of the parameters by dotted name (PyTorch's `state_dict()` keys): copies, so
   * training on afterwards does not change it (keep one as "the best model so far"). A
   * parameter shared under two names appears under both, as in PyTorch.
   */
  stateDict(): StateDict {
    const sd = emptyDict<Tensor>();
    for (const f of walk(this, true)) {
      if (f.kind === 'parameter') sd[f.name] = f.value.data.clone();
    }
    return sd;
  }

  /**
   * Copies a state dict's tensors into the parameters, in place (optimizers holding them keep
   * working). Everything is checked before anything is copied, so a bad state dict changes
   * nothing: missing and unexpected keys (unless `strict: false`), shapes and dtypes that differ
   * from the module's, and values that are not Tensors all throw one `StateDictError` that lists
   * every problem.
   */
  loadStateDict(stateDict: StateDictLike, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const op = 'loadStateDict';
    const strict = options.strict ?? true;
    const own = new Map<string, Variable>();
    for (const f of walk(this, true)) if (f.kind === 'parameter') own.set(f.name, f.value);
    const given = new Map(entriesOf(op, stateDict));

    const problems: StateDictProblem[] = [];
    const missingKeys = [...own.keys()].filter((k) => !given.has(k));
    const unexpectedKeys = [...given.keys()].filter((k) => !own.has(k));
    if (strict) {
      for (const key of missingKeys) problems.push({ kind: 'missing', key });
      for (const key of unexpectedKeys) problems.push({ kind: 'unexpected', key });
    }
    for (const [key, param] of own) {
      if (!given.has(key)) continue;
      const value = given.get(key);
      const expected = describeTensor(param.data);
      if (!(value instanceof Tensor)) {
        problems.push({ kind: 'not-a-tensor', key, expected, actual: describeValue(value) });
      } else if (!sameShape(value.shape, param.data.shape)) {
        problems.push({ kind: 'shape', key, expected, actual: describeTensor(value) });
      } else if (value.dtype !== param.data.dtype) {
        problems.push({ kind: 'dtype', key, expected, actual: describeTensor(value) });
      }
    }
    if (problems.length > 0) throw new StateDictError(op, problems);

    for (const [key, param] of own) {
      const value = given.get(key);
      if (value instanceof Tensor) param.data.data.set(value.data);
    }
    return { missingKeys: strict ? [] : missingKeys, unexpectedKeys: strict ? [] : unexpectedKeys };
  }

  /**
   * Converts every parameter to `dtype` (float64 for exact comparisons and gradient checks) in
   * place, as PyTorch's `module.to(dtype)`: the Variables stay the same objects with new data, so
   * shared parameters stay shared; their gradients are cleared. Returns the module.
   */
  to(dtype: FloatDType): this {
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new ArgumentError(
        'to',
        `dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}: parameters are floats`,
      );
    }
    for (const p of this.parameters()) {
      if (p.data.dtype === dtype) continue;
      p.data = astype(p.data, dtype);
      p.grad = null;
    }
    return this;
  }

  /** The module's settings for printing, e.g. `inFeatures=4, outFeatures=3, bias=true`. */
  extraRepr(): string {
    return '';
  }

  /** A summary in PyTorch's layout: the class, its settings, and each child indented by name. */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra === '' ? [] : extra.split('\n');
    const childLines = directChildren(this).map(
      ([name, child]) => `(${name}): ${child.toString().split('\n').join('\n  ')}`,
    );
    const lines = [...extraLines, ...childLines];
    const name = this.constructor.name;
    if (lines.length === 0) return `${name}()`;
    if (extraLines.length === 1 && childLines.length === 0) return `${name}(${extraLines[0]})`;
    return `${name}(\n  ${lines.join('\n  ')}\n)`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The own enumerable properties that hold parameters or modules, arrays numbered. */
function ownEntries(m: Module): [string, Variable | Module][] {
  const out: [string, Variable | Module][] = [];
  const fields = m as unknown as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    const value = fields[key];
    if (value instanceof Variable || value instanceof Module) out.push([key, value]);
    else if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        if (item instanceof Variable || item instanceof Module) out.push([`${key}.${i}`, item]);
      });
    }
  }
  return out;
}

function directChildren(m: Module): [string, Module][] {
  return ownEntries(m).filter((e): e is [string, Module] => e[1] instanceof Module);
}

/**
 * Depth-first walk over parameters and submodules with dotted names. By default each module is
 * entered once (PyTorch's `named_modules` memo); with `everyPath`, a module shared by two parents
 * is entered under each path (PyTorch's `state_dict` lists shared parameters under every name),
 * and only a module already on the current path is skipped, so reference cycles end.
 */
function* walk(root: Module, everyPath = false): Generator<Found> {
  const entered = new Set<Module>([root]);
  function* visit(m: Module, prefix: string): Generator<Found> {
    for (const [key, value] of ownEntries(m)) {
      const name = prefix + key;
      if (value instanceof Variable) {
        yield { name, kind: 'parameter', value };
      } else if (!entered.has(value)) {
        entered.add(value);
        yield { name, kind: 'module', value };
        yield* visit(value, `${name}.`);
        if (everyPath) entered.delete(value);
      }
    }
  }
  yield* visit(root, '');
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function describeTensor(t: Tensor): string {
  return `${formatShape(t.shape)} ${t.dtype}`;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  return typeof v;
}

/** A module input as a Variable: Variables pass through, a Tensor becomes a constant (no copy). */
export function asVariable(input: Input): Variable {
  if (input instanceof Variable) return input;
  if (input instanceof Tensor) return new Variable(input, false, 'constant');
  throw new ArgumentError('forward', 'expects a Variable or a Tensor');
}
