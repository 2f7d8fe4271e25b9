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

export function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    quick: false,
    peers: true,
    docs: true,
    json: '',
    docsDir: `${repo}docs`,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-peers') options.peers = false;
    else if (arg === '--no-docs') options.docs = false;
    else if (arg === '--docs') options.docs = true;
    else if (arg === '--json') options.json = argv[++i] ?? '';
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg !== '--') {
      throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  if (options.quick) options.docs = options.docs && argv.includes('--docs');
  if (options.json === '') {
    options.json = options.quick
      ? `${repo}tooling/bench/results/quick.json`
      : `${options.docsDir}/performance.json`;
  }
  return options;
}
