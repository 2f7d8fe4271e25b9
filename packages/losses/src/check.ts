// "Probabilities where logits are expected" (softmax applied before crossEntropy, or twice) is a
// common bug that trains badly without failing. Where the input shows it, the losses say so.
import { ArgumentError, NablaError } from '@nabla/tensor';

/** What a loss does when its input looks like the wrong kind of values. */
export type InputCheck = 'warn' | 'error' | 'off';

export interface InputCheckOptions {
  /**
   * `'warn'` (default): one console warning per loss per process when the input looks wrong
   * (e.g. probabilities given to `crossEntropy`, which wants logits); `'error'`: throw an
   * `InputCheckError` instead; `'off'`: skip the check (which reads the input once).
   */
  check?: InputCheck;
}

/** Thrown with `{ check: 'error' }` when a loss's input looks like the wrong kind of values. */
export class InputCheckError extends NablaError {}

const warned = new Set<string>();

export function checkMode(op: string, check: unknown): InputCheck {
  if (check === undefined) return 'warn';
  if (check === 'warn' || check === 'error' || check === 'off') return check;
  throw new ArgumentError(
    op,
    `check must be 'warn', 'error' or 'off', got ${JSON.stringify(check)}`,
  );
}

/** Acts on a suspicion: warn once per loss and process, throw, or nothing. */
export function suspect(op: string, mode: InputCheck, message: string): void {
  if (mode === 'off') return;
  if (mode === 'error') throw new InputCheckError(op, message);
  if (warned.has(op)) return;
  warned.add(op);
  globalThis.console?.warn(`${op}: ${message} (pass { check: 'off' } to silence this warning)`);
}

/** For tests: forget which losses have warned. */
export function resetWarnings(): void {
  warned.clear();
}

/** True when every row of a `[N, C]` array is a probability vector: entries in [0, 1] summing to 1. */
export function rowsAreProbabilities(data: ArrayLike<number>, rows: number, cols: number): boolean {
  if (rows === 0 || cols < 2) return false;
  for (let i = 0; i < rows; i++) {
    let total = 0;
    for (let c = 0; c < cols; c++) {
      const v = data[i * cols + c]!;
      if (!(v >= 0 && v <= 1)) return false;
      total += v;
    }
    if (Math.abs(total - 1) > 1e-4) return false;
  }
  return true;
}
