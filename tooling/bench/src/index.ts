// The benchmarks as a library, for `nabla bench`: the same run `pnpm bench` makes.
export type { BenchFlags, Options } from './options.js';
export { resolveOptions, USAGE } from './options.js';
export type { BenchResult } from './results.js';
export { runBench } from './run.js';
