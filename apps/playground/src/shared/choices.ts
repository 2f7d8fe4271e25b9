import type { Choice } from './controls';

/** Menu entries for a list of values, labelled by `label` (default: the value itself). */
export const choices = <T extends string | number>(
  values: readonly T[],
  label: (v: T) => string = String,
): Choice<T>[] => values.map((value) => ({ value, label: label(value) }));
