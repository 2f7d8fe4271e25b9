import { ArgumentError, type Tensor } from '@nabla/tensor';

/**
 * Dotted parameter names (`0.weight`, `2.bias`, …) to tensors, as PyTorch's `state_dict()`.
 * Nabla builds them with a null prototype, so a key named `__proto__` or `constructor` is just a
 * key. Iteration follows insertion order, except that JavaScript lists integer-like keys
 * (`"0"`, `"12"`) first; dotted names are never integer-like.
 */
export type StateDict = Record<string, Tensor>;

/** What `loadStateDict` and `toSafetensors` accept: a state dict object or a Map. */
export type StateDictLike = Readonly<Record<string, Tensor>> | ReadonlyMap<string, Tensor>;

/** A string-to-string map stored in a safetensors header under `__metadata__`. */
export type Metadata = Record<string, string>;

/** An empty dictionary with no prototype: no inherited keys, no `__proto__` setter. */
export function emptyDict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** The entries of a state dict object or Map, in iteration order. */
export function entriesOf(op: string, sd: StateDictLike): [string, unknown][] {
  if (sd instanceof Map) return [...sd.entries()];
  if (sd === null || typeof sd !== 'object' || Array.isArray(sd)) {
    throw new ArgumentError(op, 'expects a state dict: an object or Map from names to Tensors');
  }
  return Object.keys(sd).map((k) => [k, (sd as Record<string, unknown>)[k]]);
}
