#!/usr/bin/env node
// Makes the MNIST sample embedded in @nabla/datasets (src/generated/mnist-sample.ts) from the
// real MNIST files: 1,000 training and 200 test digits of each class, 10,000 + 2,000 in all.
//
//   node scripts/make-sample.mjs [--root DIR] [--check]
//
// --root  the directory with the four original .gz files (default ../shared/data/mnist beside
//         the repository, or $MNIST_DIR); their SHA-256s are checked first.
// --check regenerate in memory and fail unless the committed module holds the same images and
//         labels (compared by the SHA-256 of the uncompressed IDX, which does not depend on the
//         zlib version that compressed them).
//
// The selection is deterministic and needs no random generator: within each class, the images
// whose index has the smallest 32-bit hash (MurmurHash3's finaliser of index ^ SALT). That is a
// uniform-looking draw from the whole file (MNIST's test set puts its easier half first, so
// "the first 200 of each class" would be biased), balanced by construction. The chosen images
// keep their original order.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const outFile = join(packageDir, 'src/generated/mnist-sample.ts');
const SALT = 0x6d6e6973; // "mnis"
const PER_CLASS = { train: 1000, test: 200 };

/** SHA-256 of the original .gz files (/work/shared/data/mnist/README.md, TensorFlow's values). */
const SOURCES = {
  trainImages: [
    'train-images-idx3-ubyte.gz',
    '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
  ],
  trainLabels: [
    'train-labels-idx1-ubyte.gz',
    '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
  ],
  testImages: [
    't10k-images-idx3-ubyte.gz',
    '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
  ],
  testLabels: [
    't10k-labels-idx1-ubyte.gz',
    'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
  ],
};

function parseArgs(argv) {
  const args = {
    root: process.env.MNIST_DIR ?? resolve(packageDir, '../../../shared/data/mnist'),
    check: false,
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') args.root = resolve(argv[++i]);
    else if (argv[i] === '--check') args.check = true;
    else throw new Error(`unknown argument ${argv[i]}; use --root DIR and/or --check`);
  }
  return args;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function readSource(root, key) {
  const [file, expected] = SOURCES[key];
  const gz = readFileSync(join(root, file));
  const actual = sha256(gz);
  if (actual !== expected) throw new Error(`${file}: SHA-256 ${actual}, expected ${expected}`);
  return gunzipSync(gz);
}

/** The header of an uncompressed uint8 IDX file, checked; returns dimensions and data start. */
function idxHeader(bytes, rank, file) {
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0x08 || bytes[3] !== rank) {
    throw new Error(`${file}: not a uint8 IDX file of rank ${rank}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { dims, start: 4 + 4 * rank };
}

function idxBytes(dims, data) {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  out.set(data, 4 + 4 * dims.length);
  return out;
}

function hash32(i) {
  let h = (i ^ SALT) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Per class, the `perClass` indices of smallest hash; all of them in ascending order. */
function select(labels, perClass) {
  const byClass = Array.from({ length: 10 }, () => []);
  labels.forEach((label, i) => {
    byClass[label].push(i);
  });
  const chosen = byClass.flatMap((indices, label) => {
    if (indices.length < perClass)
      throw new Error(`class ${label} has only ${indices.length} images`);
    return indices.sort((a, b) => hash32(a) - hash32(b) || a - b).slice(0, perClass);
  });
  return chosen.sort((a, b) => a - b);
}

function subset(split, images, labels) {
  const img = idxHeader(images, 3, `${split} images`);
  const lab = idxHeader(labels, 1, `${split} labels`);
  const [n, rows, cols] = img.dims;
  if (lab.dims[0] !== n) throw new Error(`${split}: ${n} images but ${lab.dims[0]} labels`);
  const labelData = labels.subarray(lab.start, lab.start + n);
  const chosen = select(Array.from(labelData), PER_CLASS[split]);
  const size = rows * cols;
  const pixels = new Uint8Array(chosen.length * size);
  chosen.forEach((from, j) => {
    const at = img.start + from * size;
    pixels.set(images.subarray(at, at + size), j * size);
  });
  const chosenLabels = Uint8Array.from(chosen, (i) => labelData[i]);
  return {
    images: idxBytes([chosen.length, rows, cols], pixels),
    labels: idxBytes([chosen.length], chosenLabels),
    indices: chosen,
  };
}

/** Gzip at level 9 with a fixed header (mtime 0, OS 3 = Unix), whatever the platform. */
function gzip(bytes) {
  const out = gzipSync(bytes, { level: 9 });
  out[9] = 3;
  return out;
}

function moduleText(entries) {
  const lines = [
    '// Generated by scripts/make-sample.mjs from the real MNIST files; do not edit.',
    '// 1,000 training and 200 test images per class, as gzipped IDX, base64-encoded.',
    '// biome-ignore-all format: generated; a 2.7 MB literal is not worth formatting.',
    '',
    'export interface EmbeddedFile {',
    '  readonly name: string;',
    '  /** SHA-256 of the gzipped bytes (after base64 decoding). */',
    '  readonly sha256: string;',
    '  /** SHA-256 of the inflated IDX bytes: what --check compares. */',
    '  readonly idxSha256: string;',
    '  readonly base64: string;',
    '}',
    '',
  ];
  for (const [key, e] of Object.entries(entries)) {
    lines.push(
      `export const ${key}: EmbeddedFile = {`,
      `  name: '${e.name}',`,
      `  sha256: '${e.sha256}',`,
      `  idxSha256: '${e.idxSha256}',`,
      `  base64:`,
      `    '${e.base64}',`,
      '};',
      '',
    );
  }
  return lines.join('\n');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const raw = Object.fromEntries(Object.keys(SOURCES).map((k) => [k, readSource(args.root, k)]));
  const train = subset('train', raw.trainImages, raw.trainLabels);
  const test = subset('test', raw.testImages, raw.testLabels);
  const idx = {
    trainImages: ['sample-train-images-idx3-ubyte.gz', train.images],
    trainLabels: ['sample-train-labels-idx1-ubyte.gz', train.labels],
    testImages: ['sample-t10k-images-idx3-ubyte.gz', test.images],
    testLabels: ['sample-t10k-labels-idx1-ubyte.gz', test.labels],
  };
  if (args.check) {
    const committed = readFileSync(outFile, 'utf8');
    for (const [key, [, bytes]] of Object.entries(idx)) {
      const digest = sha256(bytes);
      if (!committed.includes(`idxSha256: '${digest}'`)) {
        throw new Error(
          `${key}: the committed sample differs from a fresh one (${digest}); rerun without --check`,
        );
      }
    }
    console.log('the committed MNIST sample matches the real MNIST files');
    return;
  }
  const entries = {};
  let total = 0;
  for (const [key, [name, bytes]] of Object.entries(idx)) {
    const gz = gzip(bytes);
    total += gz.length;
    entries[key] = {
      name,
      sha256: sha256(gz),
      idxSha256: sha256(bytes),
      base64: Buffer.from(gz).toString('base64'),
    };
  }
  // Written under a temporary name and renamed, so an interrupted run leaves the old module.
  const tmp = `${outFile}.${process.pid}.tmp`;
  writeFileSync(tmp, moduleText(entries));
  renameSync(tmp, outFile);
  console.log(
    `wrote ${outFile}: ${train.indices.length} train + ${test.indices.length} test images, ` +
      `${(total / 1e6).toFixed(2)} MB gzipped`,
  );
}

main();
