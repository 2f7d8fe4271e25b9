// Text codecs for URL parameters. `decode` returns undefined for anything it does not accept, so
// a hand-edited or outdated link falls back to defaults field by field instead of breaking.

export interface Codec<T> {
  encode(value: T): string;
  decode(text: string): T | undefined;
}

export function choice<const T extends string>(values: readonly T[]): Codec<T> {
  return {
    encode: (v) => v,
    decode: (t) => ((values as readonly string[]).includes(t) ? (t as T) : undefined),
  };
}

/** A number in [min, max]; with `step`, on the grid min + k·step (checked to 1e-9). */
export function number(min: number, max: number, step?: number): Codec<number> {
  return {
    encode: (v) => String(v),
    decode: (t) => {
      if (t.trim() === '') return undefined;
      const v = Number(t);
      if (!Number.isFinite(v) || v < min || v > max) return undefined;
      if (step !== undefined) {
        const k = (v - min) / step;
        if (Math.abs(k - Math.round(k)) > 1e-9) return undefined;
      }
      return v;
    },
  };
}

export function integer(min: number, max: number): Codec<number> {
  const base = number(min, max);
  return {
    encode: base.encode,
    decode: (t) => {
      const v = base.decode(t);
      return v !== undefined && Number.isInteger(v) ? v : undefined;
    },
  };
}

/** One of a fixed list of numbers (learning rates, penalties): exact matches only. */
export function numberChoice(values: readonly number[]): Codec<number> {
  return {
    encode: (v) => String(v),
    decode: (t) => values.find((v) => String(v) === t),
  };
}

/**
 * A list joined by `separator` (one that never occurs inside an item); the empty list is
 * `none`, so it differs from a missing parameter.
 */
export function list<T>(
  item: Codec<T>,
  minLength: number,
  maxLength: number,
  separator = '-',
): Codec<T[]> {
  return {
    encode: (v) => (v.length === 0 ? 'none' : v.map(item.encode).join(separator)),
    decode: (t) => {
      if (t === 'none') return minLength === 0 ? [] : undefined;
      const items = t.split(separator).map(item.decode);
      if (items.length < minLength || items.length > maxLength) return undefined;
      if (items.some((x) => x === undefined)) return undefined;
      return items as T[];
    },
  };
}

/** A list of distinct choices, kept in the order of `values` (a set, written canonically). */
export function subset<const T extends string>(
  values: readonly T[],
  minLength: number,
): Codec<T[]> {
  const inner = list(choice(values), minLength, values.length);
  return {
    encode: (v) => inner.encode(values.filter((x) => v.includes(x))),
    decode: (t) => {
      const items = inner.decode(t);
      if (items === undefined || new Set(items).size !== items.length) return undefined;
      return values.filter((x) => items.includes(x));
    },
  };
}

export function pair<T>(item: Codec<T>): Codec<[T, T]> {
  const inner = list(item, 2, 2, '_');
  return {
    encode: (v) => inner.encode(v),
    decode: (t) => inner.decode(t) as [T, T] | undefined,
  };
}

/** A value that may be absent (`auto`). */
export function nullable<T>(item: Codec<T>): Codec<T | null> {
  return {
    encode: (v) => (v === null ? 'auto' : item.encode(v)),
    decode: (t) => (t === 'auto' ? null : item.decode(t)),
  };
}
