// One switch between the short suite (inside `pnpm test:all`, seconds per area) and the long one
// (`pnpm test:reliability`, minutes per area, figures written to docs/reliability.md).

export const isLong = process.env.NABLA_RELIABILITY === 'long';

/** The short-run figure in the test suite, the long-run figure under `pnpm test:reliability`. */
export function budget<T>(short: T, long: T): T {
  return isLong ? long : short;
}
