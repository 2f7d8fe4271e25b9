/**
 * The run count for a property that sets `numRuns` itself, scaled like the global default
 * (tooling/vitest/setup.js): NABLA_FC_SCALE=10 for a soak, 0.2 for a quick pass.
 */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * fcScale()));
}

function fcScale(): number {
  const raw = typeof process === 'undefined' ? undefined : process.env.NABLA_FC_SCALE;
  const scale = Number(raw ?? '1');
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`NABLA_FC_SCALE must be a positive number, got ${raw}`);
  }
  return scale;
}
