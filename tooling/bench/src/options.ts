import { fileURLToPath } from 'node:url';

export interface Options {
  /** A fast pass: fewer steps per sample, no (1024,1024,1024) products, 3 memory epochs. */
  quick: boolean;
  /** Measure the peers (TF.js, PyTorch) too; `--no-peers` runs Nabla alone. */
  peers: boolean;
  /** Regenerate docs/performance.md and its chart. */
  docs: boolean;
  /** Where the JSON result goes. */
  json: string;
  /** The docs folder. */
  docsDir: string;
}

const repo = fileURLToPath(new URL('../../../', import.meta.url));

export const USAGE = `pnpm bench [--quick] [--no-peers] [--no-docs] [--json <file>]

  --quick      a fast pass (about a minute): fewer steps, no 1024³ products, 3 memory epochs
  --no-peers   Nabla only (no TensorFlow.js, no PyTorch)
  --no-docs    do not rewrite docs/performance.md and docs/performance.svg
  --docs       rewrite them even after --quick
  --json FILE  where to write the results (default docs/performance.json; with --quick,
               tooling/bench/results/quick.json, so a quick pass leaves the docs alone)`;

/** What a caller may choose; anything left out takes the default `pnpm bench` gives it. */
export interface BenchFlags {
  quick?: boolean;
  peers?: boolean;
  /** Left out: docs are rewritten by a full run and left alone by a quick one. */
  docs?: boolean;
  json?: string;
}

/** The options of a run from what the caller chose (`pnpm bench`'s flags, `nabla bench`'s). */
export function resolveOptions(flags: BenchFlags): Options {
  const quick = flags.quick ?? false;
  const docsDir = `${repo}docs`;
  const json = flags.json ?? '';
  return {
    quick,
    peers: flags.peers ?? true,
    docs: flags.docs ?? !quick,
    json:
      json !== ''
        ? json
        : quick
          ? `${repo}tooling/bench/results/quick.json`
          : `${docsDir}/performance.json`,
    docsDir,
  };
}

export function parseOptions(argv: readonly string[]): Options {
  const flags: BenchFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') flags.quick = true;
    else if (arg === '--no-peers') flags.peers = false;
    else if (arg === '--no-docs') flags.docs = false;
    else if (arg === '--docs') flags.docs = true;
    else if (arg === '--json') flags.json = argv[++i] ?? '';
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg !== '--') {
      throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return resolveOptions(flags);
}
