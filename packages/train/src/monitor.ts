import { ArgumentError } from '@nabla/tensor';
import { type EpochLog, logKeys, logValue } from './history.js';

/** Whether a monitored value should fall (`'min'`, losses) or rise (`'max'`, accuracies). */
export type MonitorMode = 'min' | 'max' | 'auto';

/** `'auto'` resolved as Keras resolves it: `'max'` for anything named like an accuracy. */
export function resolveMode(op: string, monitor: string, mode: MonitorMode): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode === 'auto') return /acc/i.test(monitor) ? 'max' : 'min';
  throw new ArgumentError(op, `mode must be 'min', 'max' or 'auto', got ${String(mode)}`);
}

export function checkMonitor(op: string, monitor: unknown): string {
  if (typeof monitor !== 'string' || monitor === '') {
    throw new ArgumentError(
      op,
      `monitor must name a logged value ('valLoss', 'loss', 'valAccuracy', ...), got ${String(monitor)}`,
    );
  }
  return monitor;
}

/**
 * Fails before the first epoch, rather than after it, when `monitor` names a validation value
 * (`valLoss`, `valAccuracy`, …) and the run has no validation data.
 */
export function checkMonitorAvailable(op: string, monitor: string, hasValidation: boolean): void {
  if (!hasValidation && /^val[A-Z]/.test(monitor)) {
    throw new ArgumentError(
      op,
      `monitor '${monitor}' is a validation value, but fit has no validation data: pass val, or monitor a training value ('loss')`,
    );
  }
}

/** The monitored number of an epoch log, or an error listing what the log does hold. */
export function monitoredValue(op: string, log: EpochLog, monitor: string): number {
  const value = logValue(log, monitor);
  if (typeof value === 'number') return value;
  const hint =
    monitor.startsWith('val') && log.valLoss === undefined
      ? ' (fit has no validation data: pass val, or monitor a training value)'
      : '';
  throw new ArgumentError(
    op,
    value === undefined
      ? `monitor '${monitor}' is not in the epoch log${hint}; logged: ${logKeys(log).join(', ')}`
      : `monitor '${monitor}' is not a number (a matrix?); monitor a scalar value`,
  );
}

/** Whether `value` beats `best` by more than `minDelta` in the given direction. */
export function improves(
  value: number,
  best: number | null,
  mode: 'min' | 'max',
  minDelta: number,
): boolean {
  if (best === null) return !Number.isNaN(value);
  return mode === 'min' ? value < best - minDelta : value > best + minDelta;
}
