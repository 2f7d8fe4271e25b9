import type { EngineResult, Measurement } from './results.js';
import { summarize } from './sampling.js';

/**
 * One engine's results from several jobs (another workload, or another round of the same one):
 * fields from either are kept, and a figure measured in both pools its samples, so its median
 * spans both time windows.
 */
export function mergeResults(a: EngineResult, b: EngineResult): EngineResult {
  const merged = merge(a, b) as EngineResult;
  // Every job's CPU share is worth seeing: one per job, in order.
  const shares = [a.info.cpuShare, b.info.cpuShare].filter((s) => s !== undefined);
  if (shares.length > 0) merged.info = { ...merged.info, cpuShare: shares.join(' / ') };
  return merged;
}

function isMeasurement(x: unknown): x is Measurement {
  return typeof x === 'object' && x !== null && Array.isArray((x as Measurement).samples);
}

function merge(a: unknown, b: unknown): unknown {
  if (isMeasurement(a) && isMeasurement(b)) {
    // Rates (…/s) are higher-is-better; times (ms/step, µs/op) lower-is-better.
    return summarize([...a.samples, ...b.samples], a.unit, a.unit.endsWith('/s'));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
      out[k] = k in out ? merge(out[k], v) : v;
    }
    return out;
  }
  return b;
}
