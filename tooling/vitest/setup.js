// Scales every fast-check property's default run count: NABLA_FC_SCALE=10 for a long soak,
// 0.2 for a quick pass. Properties that set numRuns explicitly use testkit's `runs(n)`.
import fc from 'fast-check';

const scale = Number(process.env.NABLA_FC_SCALE ?? '1');
if (!Number.isFinite(scale) || scale <= 0) {
  throw new Error(`NABLA_FC_SCALE must be a positive number, got ${process.env.NABLA_FC_SCALE}`);
}
fc.configureGlobal({ numRuns: Math.max(1, Math.round(100 * scale)) });
