import { noGrad, peekGrad, releaseGrad, Variable } from '@nabla/autograd';
import {
  ArgumentError,
  allocate,
  DTypeError,
  type FloatArray,
  formatShape,
  ShapeError,
  shapesEqual,
  Tensor,
  type TypedArray,
} from '@nabla/tensor';
import { showValue } from './validate.js';

/** A hyperparameter's value: a number, a flag, or a tuple such as Adam's `betas`. */
export type OptionValue = number | boolean | readonly number[];

/**
 * A parameter group as an optimizer keeps it: its parameters and every option, defaults merged
 * in. Options are plain mutable fields (`group.lr = 0.01`), which is how schedulers work.
 * `initialLr` is set by the first scheduler attached (torch's `initial_lr`).
 */
export type ParamGroup<O> = O & { params: Variable[]; initialLr?: number };

/** A group as a caller passes it: its parameters and the options it overrides. */
export type ParamGroupInput<O> = Partial<O> & { params: Iterable<Variable> | Variable };

/** What an optimizer takes: parameters (e.g. `model.parameters()`), or groups of them. */
export type Params<O> = Iterable<Variable> | Iterable<ParamGroupInput<O>>;

/** One parameter's state: step counts as numbers, buffers as typed arrays of its dtype. */
export type ParamState = { [key: string]: number | FloatArray | undefined };

/**
 * A snapshot of an optimizer, packed like PyTorch's: parameters are referred to by their index
 * in group order (0, 1, … across all groups), so it applies to a rebuilt model whose Variables
 * are new objects. Buffers are copies, so later steps do not change a saved state dict.
 */
export interface OptimizerStateDict<O> {
  state: { [index: number]: { [key: string]: number | Tensor } };
  paramGroups: (O & { params: number[]; initialLr?: number })[];
}

/** Options every group may carry besides the optimizer's own (set by schedulers). */
const EXTRA_KEYS = ['initialLr'];

/**
 * The bookkeeping every optimizer shares (torch.optim.Optimizer): parameter groups with options
 * merged over defaults, lazy per-parameter state, `zeroGrad`, `step`, and state dicts. A
 * subclass supplies its defaults, its option checks, and one pure in-place update per parameter.
 */
export abstract class Optimizer<O extends object, S extends ParamState = ParamState> {
  /** The resolved defaults: torch's, overridden by the constructor's options. */
  readonly defaults: Readonly<O>;
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state, created the first time a parameter with a gradient is stepped. */
  protected state = new Map<Variable, S>();
  /** The class name, for error messages. */
  protected readonly name: string;

  protected constructor(name: string, params: Params<O>, torchDefaults: O, options: Partial<O>) {
    this.name = name;
    const defaults = mergeOptions(name, torchDefaults, options, 'options');
    this.checkOptions(name, defaults);
    this.defaults = defaults;
    if (params instanceof Variable || params === null || typeof params !== 'object') {
      throw new ArgumentError(
        name,
        `params must be an iterable of Variables or of parameter groups, got ${describe(params)}; pass model.parameters() or [param]`,
      );
    }
    const items: unknown[] = Array.from(params as Iterable<unknown>);
    if (items.length === 0) throw new ArgumentError(name, 'got an empty parameter list');
    const groups = items.filter(isGroup);
    if (groups.length === items.length) {
      for (const group of groups) this.addParamGroup(group as ParamGroupInput<O>);
    } else if (groups.length > 0) {
      throw new ArgumentError(
        name,
        'params mixes Variables and parameter groups; pass either Variables or groups ({ params, ...options }), not both',
      );
    } else {
      // A plain list: addParamGroup checks that each item is a Variable.
      this.addParamGroup({ params: items } as unknown as ParamGroupInput<O>);
    }
  }

  /** Rejects options out of range; `op` names the optimizer, and the group if any. */
  protected abstract checkOptions(op: string, options: O): void;

  /** A parameter's state before its first step (typed arrays of the parameter's dtype). */
  protected abstract initState(param: FloatArray, group: ParamGroup<O>): S;

  /** Updates one parameter in place from its gradient: the optimizer's math. */
  protected abstract update(
    param: FloatArray,
    grad: TypedArray,
    state: S,
    group: ParamGroup<O>,
  ): void;

  /**
   * Adds a group of parameters with its own options (the rest from `defaults`), e.g. layers
   * unfrozen during fine-tuning. A parameter may belong to one group only.
   */
  addParamGroup(group: ParamGroupInput<O>): void {
    const op = `${this.name} param group ${this.paramGroups.length}`;
    if (group === null || typeof group !== 'object' || !('params' in group)) {
      throw new ArgumentError(
        op,
        `a parameter group must be { params, ...options }, got ${describe(group)}`,
      );
    }
    const { params: raw, ...overrides } = group;
    const params = raw instanceof Variable ? [raw] : Array.from(raw as Iterable<unknown>);
    const seen = new Set<Variable>(this.paramGroups.flatMap((g) => g.params));
    params.forEach((p, i) => {
      if (!(p instanceof Variable)) {
        throw new ArgumentError(op, `params[${i}] must be a Variable, got ${describe(p)}`);
      }
      if (p.data.dtype === 'int32') {
        throw new DTypeError(
          op,
          `params[${i}] is int32; only float32 and float64 parameters can be optimized`,
        );
      }
      if (seen.has(p)) {
        throw new ArgumentError(
          op,
          `params[${i}] (shape ${formatShape(p.data.shape)}) appears more than once; a parameter may be in one group only, once`,
        );
      }
      seen.add(p);
    });
    const options = mergeOptions(op, this.defaults, overrides as Partial<O>, 'group');
    this.checkOptions(op, options);
    this.paramGroups.push({ ...options, params: params as Variable[] });
  }

  /**
   * Forgets every gradient: sets `grad` to null (PyTorch's default, `set_to_none=True`), so the
   * next backward writes fresh gradients and a parameter that gets none is skipped by `step`.
   * With `{ setToNone: false }` the gradients are zeroed in place instead.
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    const setToNone = options.setToNone ?? true;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        // releaseGrad recycles a gradient nobody outside the engine has seen, so the next
        // backward reuses its memory instead of allocating it.
        if (setToNone) releaseGrad(p);
        else peekGrad(p)?.data.fill(0);
      }
    }
  }

  /**
   * Takes one optimization step: updates every parameter that has a gradient, in place, with no
   * graph recorded. `closure`, if given, is called first (with gradients enabled) to recompute
   * the loss, and its result is returned, as in PyTorch.
   */
  step<L = void>(closure?: () => L): L | undefined {
    const loss = closure === undefined ? undefined : closure();
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          const grad = peekGrad(p);
          if (grad === null || grad === undefined) continue;
          if (grad.size !== p.data.size) {
            throw new ShapeError(
              this.name,
              `a gradient of shape ${formatShape(grad.shape)} does not fit its parameter of shape ${formatShape(p.data.shape)}`,
            );
          }
          let state = this.state.get(p);
          if (state === undefined) {
            state = this.initState(p.data.data as FloatArray, group);
            this.state.set(p, state);
          }
          this.update(p.data.data as FloatArray, grad.data, state, group);
        }
      }
    });
    return loss;
  }

  /** The state of one parameter, or undefined before its first step (for inspection). */
  stateOf(param: Variable): Readonly<S> | undefined {
    return this.state.get(param);
  }

  /** A snapshot to resume from: options per group and every parameter's state, by index. */
  stateDict(): OptimizerStateDict<O> {
    const indices = new Map<Variable, number>();
    const paramGroups = this.paramGroups.map((group) => {
      const { params, ...options } = group;
      return {
        ...copyOptions(options as unknown as Record<string, OptionValue>),
        params: params.map((p) => {
          indices.set(p, indices.size);
          return indices.size - 1;
        }),
      } as unknown as O & { params: number[] };
    });
    const state: OptimizerStateDict<O>['state'] = {};
    for (const [p, s] of this.state) {
      const index = indices.get(p);
      if (index === undefined) continue;
      const packed: { [key: string]: number | Tensor } = {};
      for (const [key, value] of Object.entries(s)) {
        if (value === undefined) continue;
        packed[key] = typeof value === 'number' ? value : new Tensor(value.slice(), p.data.shape);
      }
      state[index] = packed;
    }
    return { state, paramGroups };
  }

  /**
   * Restores what `stateDict` returned, onto this optimizer's parameters (matched by index, so
   * the groups must have the same sizes): every group's options and every parameter's state,
   * copied and converted to the parameter's dtype. Training then continues exactly as if it had
   * never stopped.
   */
  loadStateDict(stateDict: OptimizerStateDict<O>): void {
    const op = `${this.name}.loadStateDict`;
    const saved = stateDict?.paramGroups;
    if (!Array.isArray(saved) || stateDict.state === null || typeof stateDict.state !== 'object') {
      throw new ArgumentError(op, 'expected { state, paramGroups } as stateDict() returns');
    }
    if (saved.length !== this.paramGroups.length) {
      throw new ArgumentError(
        op,
        `the state dict has ${saved.length} parameter groups, this optimizer ${this.paramGroups.length}`,
      );
    }
    const params: Variable[] = [];
    const groups = saved.map((savedGroup, g) => {
      const group = this.paramGroups[g]!;
      const where = `${op} param group ${g}`;
      const { params: indices, ...options } = savedGroup;
      if (!Array.isArray(indices) || indices.length !== group.params.length) {
        throw new ArgumentError(
          where,
          `has ${Array.isArray(indices) ? indices.length : 'no'} parameters in the state dict, ${group.params.length} here`,
        );
      }
      indices.forEach((index, i) => {
        if (index !== params.length + i) {
          throw new ArgumentError(
            where,
            `params[${i}] should be index ${params.length + i}, got ${showValue(index)}`,
          );
        }
      });
      params.push(...group.params);
      const { params: _, ...current } = group;
      const merged = mergeOptions(where, current as unknown as O, options as Partial<O>, 'group');
      this.checkOptions(where, merged);
      return merged;
    });
    const state = new Map<Variable, S>();
    for (const [key, entry] of Object.entries(stateDict.state)) {
      const index = Number(key);
      const p = params[index];
      if (!Number.isInteger(index) || p === undefined) {
        throw new ArgumentError(op, `state for parameter ${key}, but there are ${params.length}`);
      }
      const unpacked: ParamState = {};
      for (const [name, value] of Object.entries(entry ?? {})) {
        if (typeof value === 'number') {
          unpacked[name] = value;
        } else if (value instanceof Tensor) {
          if (!shapesEqual(value.shape, p.data.shape)) {
            throw new ShapeError(
              op,
              `state ${name} of parameter ${index} has shape ${formatShape(value.shape)}, the parameter ${formatShape(p.data.shape)}`,
            );
          }
          const buffer = allocate(p.data.dtype, value.size) as FloatArray;
          buffer.set(value.data);
          unpacked[name] = buffer;
        } else {
          throw new ArgumentError(
            op,
            `state ${name} of parameter ${index} must be a number or a Tensor, got ${describe(value)}`,
          );
        }
      }
      state.set(p, unpacked as S);
    }
    // Everything is checked: now change the optimizer (in place, so references to groups stay).
    groups.forEach((options, g) => {
      Object.assign(this.paramGroups[g]!, options);
    });
    this.state = state;
  }
}

/**
 * `base` overridden by the options given (undefined means "not given"), after rejecting names
 * the optimizer does not know: a typo or a snake_case name would otherwise be silently ignored.
 */
function mergeOptions<O extends object>(
  op: string,
  base: O,
  given: Partial<O>,
  what: 'options' | 'group',
): O {
  if (given === null || typeof given !== 'object') {
    throw new ArgumentError(op, `options must be an object, got ${describe(given)}`);
  }
  const known = Object.keys(base);
  const merged: Record<string, unknown> = copyOptions(
    base as unknown as Record<string, OptionValue>,
  );
  for (const [key, value] of Object.entries(given)) {
    if (!known.includes(key) && !EXTRA_KEYS.includes(key)) {
      const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      const hint = camel !== key && known.includes(camel) ? ` (did you mean ${camel}?)` : '';
      throw new ArgumentError(
        op,
        `unknown ${what === 'group' ? 'group option' : 'option'} ${key}${hint}; known: ${known.join(', ')}`,
      );
    }
    if (value !== undefined) merged[key] = Array.isArray(value) ? [...value] : value;
  }
  return merged as O;
}

/** A copy of an options object with tuples copied, so no two groups share an array. */
function copyOptions(options: Record<string, OptionValue>): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(options)) {
    out[key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/** `{ params, ...options }`: a plain object, not a Variable or a Tensor. */
function isGroup(item: unknown): boolean {
  return (
    item !== null &&
    typeof item === 'object' &&
    !(item instanceof Variable) &&
    !(item instanceof Tensor) &&
    'params' in item
  );
}

function describe(value: unknown): string {
  if (value instanceof Variable) return `a Variable of shape ${formatShape(value.data.shape)}`;
  if (value instanceof Tensor)
    return 'a Tensor (wrap parameters in variable(..., { requiresGrad: true }))';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `${typeof value} ${showValue(value)}`;
}
