// The parsers under fuzz, as the fuzz worker runs them: bytes in, a result or a thrown error out.
// They are imported from the built packages (a worker thread runs plain Node, not vitest's
// TypeScript loader), which `turbo run test` builds before this package's tests.
import { decodeIdx, parseIdx } from '@nabla/datasets';
import { inflateNode } from '@nabla/datasets/node';
import { fromSafetensors } from '@nabla/nn';
import { NablaError } from '@nabla/tensor';
import { main } from 'nabla/dist/cli.js';
import { classesOf, parseCsv } from 'nabla/dist/data/csv.js';
import { CliError, UsageError } from 'nabla/dist/errors.js';
import { preprocessDigit } from 'nabla/dist/image/mnist-preprocess.js';
import { decodePng } from 'nabla/dist/image/png.js';
import { decodeModelFile } from 'nabla/dist/model/file.js';
import { stubbedProgram } from './stub-program.mjs';

/** @typedef {(bytes: Uint8Array) => unknown} Parse */

const utf8 = new TextDecoder('utf-8');

/**
 * What counts as a typed error: the libraries' NablaError, and for the CLI's own parsers its two
 * one-line errors (CliError for a bad file, UsageError for a bad command line).
 * @param {unknown} error
 */
export function isTyped(error) {
  return error instanceof NablaError || error instanceof CliError || error instanceof UsageError;
}

/** @type {Record<string, Parse>} */
export const TARGETS = {
  safetensors: (bytes) => fromSafetensors(bytes),
  'idx-plain': (bytes) => decodeIdx(bytes, { name: 'fuzz-idx3-ubyte' }),
  // The CLI's path for a directory of IDX files: gzip detected, inflated by node:zlib.
  'idx-gzip': (bytes) =>
    parseIdx(bytes, { name: 'fuzz-idx3-ubyte.gz', inflate: inflateNode, maxBytes: 1 << 26 }),
  // `readFile(path, 'utf8')` then the parser, as `nabla train --data file.csv` reads it.
  csv: (bytes) => {
    const table = parseCsv(utf8.decode(bytes), 'fuzz.csv');
    return { table, classes: classesOf(table.labels) };
  },
  // `nabla predict model image.png`: decode, then prepare as MNIST was.
  png: (bytes) => preprocessDigit(decodePng(bytes, 'fuzz.png'), 'fuzz.png'),
  // `nabla eval|predict model.safetensors`: safetensors, metadata, rebuild, weights.
  model: (bytes) => decodeModelFile(bytes, 'fuzz.safetensors'),
  // The argument vector as JSON; the whole of `main` runs with every action replaced.
  cli: (bytes) => runCli(JSON.parse(utf8.decode(bytes))),
};

/**
 * Runs `main` on `argv` with captured output; a run that prints an "unexpected error" or a stack
 * trace is thrown as an untyped failure, anything else is a result (exit code and output).
 * @param {string[]} argv
 */
async function runCli(argv) {
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
  const code = await main(argv, io, stubbedProgram);
  const stderr = err.join('');
  if (/unexpected error|\n\s+at .+:\d+:\d+/.test(stderr) || ![0, 2].includes(code)) {
    throw new Error(`exit code ${code}, stderr: ${stderr.slice(0, 400)}`);
  }
  return { code, stdout: out.join(''), stderr };
}
