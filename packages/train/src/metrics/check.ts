import { ArgumentError } from '@nabla/tensor';

export function checkName(op: string, name: unknown): string {
  if (typeof name !== 'string' || name === '') {
    throw new ArgumentError(op, `name must be a non-empty string, got ${String(name)}`);
  }
  return name;
}

/** A saved metric state of `length` finite numbers (counts and sums). */
export function checkCounts(op: string, state: readonly number[], length: number): number[] {
  if (
    !Array.isArray(state) ||
    state.length !== length ||
    !state.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new ArgumentError(
      `${op}.setState`,
      `expects ${length} finite numbers as getState() returns, got ${JSON.stringify(state)}`,
    );
  }
  return [...state];
}
