// The parsers under fuzz, as the fuzz worker runs them: bytes in, a result or a thrown error out.
// They are imported from the built packages (the worker process runs plain Node, not vitest's
// TypeScript loader), which `turbo run test` builds before this package's tests.
import { NablaError } from '@nabla/tensor';
import { CliError, UsageError } from 'nabla/dist/errors.js';

/** @typedef {(bytes: Uint8Array) => unknown} Parse */

// Each target loads only its own parser, the first time it is asked for (a worker serves one
// target, and the harness's own test needs none of them).

const utf8 = new TextDecoder('utf-8');

/**
 * What counts as a typed error: the libraries' NablaError, and for the CLI's own parsers its two
 * one-line errors (CliError for a bad file, UsageError for a bad command line).
 * @param {unknown} error
 */
export function isTyped(error) {
  return error instanceof NablaError || error instanceof CliError || error instanceof UsageError;
}

/** @type {Record<string, () => Promise<Parse>>} */
export const TARGETS = {
  safetensors: async () => {
    const { fromSafetensors } = await import('@nabla/nn');
    return (bytes) => fromSafetensors(bytes);
  },
  'idx-plain': async () => {
    const { decodeIdx } = await import('@nabla/datasets');
    return (bytes) => decodeIdx(bytes, { name: 'fuzz-idx3-ubyte' });
  },
  // The CLI's path for a directory of IDX files: gzip detected, inflated by node:zlib.
  'idx-gzip': async () => {
    const { parseIdx } = await import('@nabla/datasets');
    const { inflateNode } = await import('@nabla/datasets/node');
    return (bytes) =>
      parseIdx(bytes, { name: 'fuzz-idx3-ubyte.gz', inflate: inflateNode, maxBytes: 1 << 26 });
  },
  // `readFile(path, 'utf8')` then the parser, as `nabla train --data file.csv` reads it.
  csv: async () => {
    const { classesOf, parseCsv } = await import('nabla/dist/data/csv.js');
    return (bytes) => {
      const table = parseCsv(utf8.decode(bytes), 'fuzz.csv');
      return { table, classes: classesOf(table.labels) };
    };
  },
  // `nabla predict model image.png`: decode, then prepare as MNIST was.
  png: async () => {
    const { decodePng } = await import('nabla/dist/image/png.js');
    const { preprocessDigit } = await import('nabla/dist/image/mnist-preprocess.js');
    return (bytes) => preprocessDigit(decodePng(bytes, 'fuzz.png'), 'fuzz.png');
  },
  // `nabla eval|predict model.safetensors`: safetensors, metadata, rebuild, weights.
  model: async () => {
    const { decodeModelFile } = await import('nabla/dist/model/file.js');
    return (bytes) => decodeModelFile(bytes, 'fuzz.safetensors');
  },
  // The argument vector as JSON; the whole of `main` runs with every action replaced.
  cli: async () => {
    const { main } = await import('nabla/dist/cli.js');
    const { stubbedProgram } = await import('./stub-program.mjs');
    return (bytes) => runCli(main, stubbedProgram, JSON.parse(utf8.decode(bytes)));
  },
  // The harness's own test: each first byte breaks one promise, so each check is seen to work.
  'harness-check': async () => (bytes) => {
    switch (bytes[0]) {
      case 1:
        for (;;);
      case 2:
        process.abort();
        break;
      case 3:
        /** @type {Record<string, unknown>} */ (Object.prototype).polluted = true;
        return 0;
      case 4:
        throw new TypeError('not typed');
      case 5:
        return new Float64Array(2 ** 24);
      case 6: {
        /** @type {Record<string, unknown>} */
        const metadata = {};
        metadata[utf8.decode(bytes.subarray(1))] = { injected: true };
        return { metadata };
      }
      case 7:
        throw new NablaError('harness', 'typed');
      default:
        return bytes.length;
    }
  },
};

/**
 * Runs `main` on `argv` with captured output; a run that prints an "unexpected error" or a stack
 * trace is thrown as an untyped failure, anything else is a result (exit code and output).
 * @param {typeof import('nabla/dist/cli.js').main} main
 * @param {typeof import('nabla/dist/cli.js').buildProgram} build
 * @param {string[]} argv
 */
async function runCli(main, build, argv) {
  /** @type {string[]} */
  const out = [];
  /** @type {string[]} */
  const err = [];
  const sink = (/** @type {string[]} */ into) => ({
    write: (/** @type {string | Uint8Array} */ chunk) => {
      into.push(String(chunk));
      return true;
    },
  });
  const io = /** @type {import('nabla/dist/context.js').Io} */ (
    /** @type {unknown} */ ({ out: sink(out), err: sink(err) })
  );
  const code = await main(argv, io, build);
  const stderr = err.join('');
  if (/unexpected error|\n\s+at .+:\d+:\d+/.test(stderr) || ![0, 2].includes(code)) {
    throw new Error(`exit code ${code}, stderr: ${stderr.slice(0, 400)}`);
  }
  return { code, stdout: out.join(''), stderr };
}
