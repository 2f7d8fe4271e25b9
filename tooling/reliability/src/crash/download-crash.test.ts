// Crash safety of the dataset cache: a child process downloads four MNIST-style IDX files
// from a loopback HTTP server that sends them slowly, in chunks, and is killed with SIGKILL at
// seeded random moments — at a random time, or just after the server has sent a whole file
// (while the child verifies and writes it). After every kill the cache holds, for each file,
// nothing or the complete checksum-verified file, and otherwise only hidden temporary files;
// the next run downloads only what is missing, and a run left alone completes.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '@nabla/datasets';
import { Generator } from '@nabla/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budget } from '../budget.js';
import { recordFigures } from '../figures.js';
import { runNode, spawnNode } from './child-process.js';

const CHILD = fileURLToPath(new URL('./download-child.mjs', import.meta.url));
const KILLS = budget(5, 50);
const CHUNK = 8192;
const CHUNK_EVERY_MS = 3;
const CHILD_LIMIT_MS = 60_000;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** MNIST-shaped files with noisy pixels, so gzip cannot shrink them and a download takes time. */
function mnistLike(): Map<string, Buffer> {
  const random = new Generator(4);
  const images = (n: number) =>
    encodeIdx({
      dtype: 'uint8',
      shape: [n, 28, 28],
      data: Array.from({ length: n * 784 }, () => random.nextBelow(256)),
    });
  const labels = (n: number) =>
    encodeIdx({ dtype: 'uint8', shape: [n], data: Array.from({ length: n }, (_, i) => i % 10) });
  return new Map([
    ['train-images-idx3-ubyte.gz', gzipSync(images(600))],
    ['train-labels-idx1-ubyte.gz', gzipSync(labels(600))],
    ['t10k-images-idx3-ubyte.gz', gzipSync(images(200))],
    ['t10k-labels-idx1-ubyte.gz', gzipSync(labels(200))],
  ]);
}

const files = mnistLike();
const checksums = Object.fromEntries([...files].map(([name, bytes]) => [name, sha256(bytes)]));
const TEMPORARY = /^\.(train|t10k)-(images-idx3|labels-idx1)-ubyte\.gz\.\d+\.[0-9a-f]{12}\.tmp$/;

let server: Server;
let mirror: string;
/** GET requests per file, and a hook called when a file has been sent whole. */
const requests = new Map<string, number>();
let onSent: (name: string) => void = () => undefined;
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = (req.url ?? '').slice(1);
    const body = files.get(name);
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    requests.set(name, (requests.get(name) ?? 0) + 1);
    res.writeHead(200, { 'content-length': body.length });
    let offset = 0;
    // Slowly, in chunks, until the whole file is out or the client is gone.
    const timer = setInterval(() => {
      if (res.destroyed) {
        clearInterval(timer);
        return;
      }
      const end = Math.min(offset + CHUNK, body.length);
      res.write(body.subarray(offset, end));
      offset = end;
      if (offset === body.length) {
        clearInterval(timer);
        res.end(() => onSent(name));
      }
    }, CHUNK_EVERY_MS);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nabla-cache-crash-'));
  dirs.push(dir);
  return join(dir, 'mnist');
}

/** The complete files in the cache; fails on a partial one or anything unexpected. */
function cachedFiles(root: string, figures: { temporaryLeft: number }, seen: Set<string>) {
  if (!existsSync(root)) return new Set<string>();
  const complete = new Set<string>();
  for (const name of readdirSync(root)) {
    if (files.has(name)) {
      expect(sha256(readFileSync(join(root, name))), `${name} in the cache is not whole`).toBe(
        checksums[name],
      );
      complete.add(name);
    } else {
      expect(name, 'an unexpected file in the cache').toMatch(TEMPORARY);
      if (!seen.has(name)) figures.temporaryLeft += 1;
      seen.add(name);
    }
  }
  return complete;
}

describe('crash safety: SIGKILL during a dataset download', () => {
  it(`the cache holds nothing or the verified file after ${KILLS} kills`, async () => {
    const started = performance.now();
    const args = (root: string) => [root, mirror, JSON.stringify(checksums)];
    const referenceStart = performance.now();
    const reference = await runNode(CHILD, args(freshRoot()), CHILD_LIMIT_MS);
    const referenceMs = performance.now() - referenceStart;
    expect(reference).toEqual(['done 600 200']);

    const random = new Generator(11);
    const figures = {
      kills: 0,
      killedAfterFileSent: 0,
      filesComplete: 0,
      emptyChecks: 0,
      temporaryLeft: 0,
      completions: 0,
      refetched: 0,
    };
    const seen = new Set<string>();
    let root = freshRoot();
    // Bounded: a run that finishes before its kill counts as a trial too.
    for (let trial = 0; figures.kills < KILLS && trial < 4 * KILLS; trial++) {
      const before = cachedFiles(root, figures, seen);
      requests.clear();
      const child = spawnNode(CHILD, args(root), CHILD_LIMIT_MS);
      const kill = () => child.process.kill('SIGKILL');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const names = [...files.keys()];
      const target = names[random.nextBelow(names.length)]!;
      const delay = random.nextBelow(20);
      const afterSent = random.nextBelow(2) === 0;
      if (!afterSent) {
        timer = setTimeout(kill, random.nextFloat64() * referenceMs);
        onSent = () => undefined;
      } else {
        onSent = (name) => {
          if (name === target) timer = setTimeout(kill, delay);
        };
      }
      const exit = await child.exited;
      clearTimeout(timer);
      onSent = () => undefined;
      // A file already complete in the cache is never fetched again.
      for (const name of before) expect(requests.get(name) ?? 0).toBe(0);

      const after = cachedFiles(root, figures, seen);
      if (exit.signal !== 'SIGKILL') {
        expect(exit.code, exit.stderr).toBe(0);
        expect(child.lines).toEqual(['done 600 200']);
        expect(after.size).toBe(files.size);
        figures.completions += 1;
        root = freshRoot();
        continue;
      }
      figures.kills += 1;
      if (afterSent) figures.killedAfterFileSent += 1;
      figures.filesComplete += after.size;
      figures.emptyChecks += files.size - after.size;
    }
    expect(figures.kills).toBe(KILLS);
    // The last cache, left alone, completes with only what was missing.
    const before = cachedFiles(root, figures, seen);
    requests.clear();
    expect(await runNode(CHILD, args(root), CHILD_LIMIT_MS)).toEqual(['done 600 200']);
    for (const name of before) expect(requests.get(name) ?? 0).toBe(0);
    expect(cachedFiles(root, figures, seen).size).toBe(files.size);
    figures.completions += 1;

    recordFigures('crash-download-cache', 'Crash safety: the dataset cache under SIGKILL', [
      { name: 'kills (SIGKILL) during downloads', value: figures.kills, unit: 'trials' },
      {
        name: 'kills just after the server sent a whole file',
        value: figures.killedAfterFileSent,
        unit: 'trials',
        note: 'while the child checks the SHA-256 and writes the file',
      },
      {
        name: 'cache entries found complete and verified after a kill',
        value: figures.filesComplete,
        unit: 'files',
      },
      {
        name: 'cache entries found absent after a kill',
        value: figures.emptyChecks,
        unit: 'files',
      },
      {
        name: 'partial or corrupt cache entries',
        value: 0,
        unit: 'files',
        note: 'every entry is checked against its SHA-256 after every kill; one would fail the test',
      },
      {
        name: 'temporary files left by a kill',
        value: figures.temporaryLeft,
        unit: 'files',
        note: 'hidden .<name>.<pid>.<random>.tmp files; nothing reads them',
      },
      {
        name: 'downloads completed afterwards (fetching only what was missing)',
        value: figures.completions,
        unit: 'runs',
      },
      { name: 'time', value: Math.round((performance.now() - started) / 1000), unit: 's' },
    ]);
  });
});
