#!/usr/bin/env node
// The `nabla` executable. Errors that escape everything else (a bug in a callback, an
// unhandled rejection) still end as one line and exit code 1, not a stack trace.
import { main } from './cli.js';
import { processIo } from './context.js';
import { describeError, EXIT_FAILURE } from './errors.js';

const debug = process.argv.includes('--debug');

// `pnpm nabla …` runs in the repository root: paths on the command line are meant from where
// the user typed it, which pnpm passes as INIT_CWD.
if (process.env.npm_lifecycle_event === 'nabla' && process.env.INIT_CWD) {
  process.chdir(process.env.INIT_CWD);
}

function crash(error: unknown): void {
  process.stderr.write(`nabla: error: ${describeError(error)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(EXIT_FAILURE);
}

// `nabla gradcheck | head` closes stdout early: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    crash(error);
  });
}

process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

process.exitCode = await main(process.argv.slice(2), processIo());
