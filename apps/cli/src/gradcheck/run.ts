// Runs the gradient-check table: each case through gradcheck (float64 central differences,
// PyTorch's eps 1e-6, atol 1e-5, rtol 1e-3), never stopping at the first failure, so the table
// shows every op's errors.
import { gradcheck } from '@nabla/autograd';
import { describeError } from '../errors.js';
import { type GradcheckCase, gradcheckCases } from './cases.js';

export interface GradcheckRow {
  readonly op: string;
  readonly family: GradcheckCase['family'];
  readonly maxAbsError: number;
  readonly maxRelError: number;
  /** Jacobian entries compared. */
  readonly entries: number;
  readonly pass: boolean;
  /** Why the case could not run at all (the op threw). */
  readonly error?: string;
}

/** The cases whose name contains `filter` (case-insensitive), or all. */
export function selectCases(filter: string | undefined): GradcheckCase[] {
  const all = gradcheckCases();
  if (filter === undefined) return all;
  const f = filter.toLowerCase();
  return all.filter((c) => c.name.toLowerCase().includes(f));
}

export function runCase(c: GradcheckCase): GradcheckRow {
  try {
    const report = gradcheck(c.f, c.inputs(), { raiseException: false });
    return {
      op: c.name,
      family: c.family,
      maxAbsError: report.maxAbsError,
      maxRelError: report.maxRelError,
      entries: report.entries,
      pass: report.ok,
    };
  } catch (error) {
    return {
      op: c.name,
      family: c.family,
      maxAbsError: Number.NaN,
      maxRelError: Number.NaN,
      entries: 0,
      pass: false,
      error: describeError(error),
    };
  }
}
