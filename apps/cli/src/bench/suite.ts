// Where `nabla bench` finds the benchmark suite: @nabla/bench (tooling/bench), a private package
// of the Nabla repository that is never published. Inside a clone it is a workspace link; a copy
// of nabla installed anywhere else does not have it, and says how to get it.
import type { BenchFlags, Options } from '@nabla/bench';
import { CliError } from '../errors.js';

/** What `nabla bench` uses of the suite; tests pass a stand-in. */
export interface BenchSuite {
  resolveOptions(flags: BenchFlags): Options;
  /** Measures, prints and writes; what it resolves with is not needed here. */
  runBench(options: Options): Promise<unknown>;
}

/** The benchmark suite cannot be loaded here (not installed, or not built): exit code 1. */
export class BenchUnavailableError extends CliError {
  override name = 'BenchUnavailableError';
}

// A literal specifier: the module loaded is fixed at build time, never derived from input.
const importSuite = (): Promise<BenchSuite> => import('@nabla/bench');

/** Loads @nabla/bench, turning "module not found" into an error that names the fix. */
export async function loadBenchSuite(
  load: () => Promise<BenchSuite> = importSuite,
): Promise<BenchSuite> {
  try {
    return await load();
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    const reason = error.message.split('\n')[0];
    throw new BenchUnavailableError(
      `nabla bench runs the benchmark suite of the Nabla repository (@nabla/bench in tooling/bench), which is not available here (${reason}). It is not published with nabla: in a clone of the repository run 'pnpm install' and then 'pnpm nabla bench', which builds the suite first (or 'pnpm bench').`,
      { cause: error },
    );
  }
}

function isModuleNotFound(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error && (error as Error & { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND'
  );
}
