// `pnpm bench`: the benchmarks from the command line (see run.ts for what one run does).
import { parseOptions } from './options.js';
import { runBench } from './run.js';

await runBench(parseOptions(process.argv.slice(2)));
