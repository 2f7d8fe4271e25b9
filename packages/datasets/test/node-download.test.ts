// @nabla/datasets/node against a real HTTP server on 127.0.0.1: good files, truncated
// responses, wrong bytes, a failing first mirror, stalls, redirects; and the cache directory
// never holds a partial or corrupt file. Small stand-in files with injected checksums.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ArgumentError } from '@nabla/tensor';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ChecksumError,
  DownloadError,
  encodeIdx,
  IdxError,
  MissingFileError,
} from '../src/index.js';
import {
  type LoadMnistOptions,
  loadFashionMnist,
  loadMnist,
  MNIST,
  nablaHome,
} from '../src/node.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Four tiny MNIST-shaped files: 5 training and 3 test images of 2×2 pixels. */
function fakeFiles(): Map<string, Buffer> {
  const images = (n: number, base: number) =>
    encodeIdx({
      dtype: 'uint8',
      shape: [n, 2, 2],
      data: Array.from({ length: 4 * n }, (_, i) => (base + i * 17) % 256),
    });
  const labels = (n: number) =>
    encodeIdx({ dtype: 'uint8', shape: [n], data: Array.from({ length: n }, (_, i) => i % 10) });
  return new Map([
    ['train-images-idx3-ubyte.gz', gzipSync(images(5, 0))],
    ['train-labels-idx1-ubyte.gz', gzipSync(labels(5))],
    ['t10k-images-idx3-ubyte.gz', gzipSync(images(3, 100))],
    ['t10k-labels-idx1-ubyte.gz', gzipSync(labels(3))],
  ]);
}

const files = fakeFiles();
const checksums = Object.fromEntries([...files].map(([name, bytes]) => [name, sha256(bytes)]));

// The server's behaviours, chosen by the first path segment: /<mode>/<file>.
type Mode =
  | 'good'
  | 'truncated'
  | 'wrong'
  | 'error500'
  | 'notfound'
  | 'stall'
  | 'stallbody'
  | 'redirect'
  | 'downgrade'
  | 'nolength';
const requests = new Map<string, number>();
let server: Server;
let base: string;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const [, mode, name] = (req.url ?? '').split('/') as [string, Mode, string];
  requests.set(mode, (requests.get(mode) ?? 0) + 1);
  const body = files.get(name);
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  switch (mode) {
    case 'good':
      res.writeHead(200, { 'content-length': body.length }).end(body);
      return;
    case 'nolength':
      res.writeHead(200).end(body);
      return;
    case 'truncated':
      // Promise the whole file, send half, hang up.
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return;
    case 'wrong': {
      const wrong = Buffer.from(body);
      wrong[wrong.length - 1]! ^= 0xff;
      res.writeHead(200, { 'content-length': wrong.length }).end(wrong);
      return;
    }
    case 'error500':
      res.writeHead(500).end('server error');
      return;
    case 'notfound':
      res.writeHead(404).end();
      return;
    case 'stall':
      return; // never answers
    case 'stallbody':
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 4)); // then nothing more
      return;
    case 'redirect':
      res.writeHead(302, { location: `/good/${name}` }).end();
      return;
    case 'downgrade':
      // To plain http off the loopback interface: never followed.
      res.writeHead(302, { location: `http://example.invalid/${name}` }).end();
      return;
  }
}

const mirror = (mode: Mode) => `${base}/${mode}/`;

let home: string;
let root: string;

/** Fast-failing defaults for the tests: no pause between retries, short timeouts. */
const options = (extra: LoadMnistOptions): LoadMnistOptions => ({
  root,
  download: true,
  checksums,
  retries: 0,
  retryDelayMs: 0,
  timeoutMs: 2000,
  allowLoopbackHttp: true,
  ...extra,
});

/** The cache holds only complete, verified files, and no temporary ones. */
function expectCleanCache(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir);
  for (const name of names) {
    expect(name.endsWith('.tmp')).toBe(false);
    expect(sha256(readFileSync(join(dir, name)))).toBe(checksums[name]);
  }
  return names;
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nabla-datasets-'));
  root = join(home, 'mnist');
  requests.clear();
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('loadMnist with download', () => {
  it('downloads good files into the cache, verifies them and parses them', async () => {
    const data = await loadMnist(options({ mirrors: [mirror('good')] }));
    expect(data.train.x.shape).toEqual([5, 4]);
    expect(data.train.y.shape).toEqual([5]);
    expect(data.test.x.shape).toEqual([3, 4]);
    expect(data.train.x.dtype).toBe('float32');
    expect(data.train.y.dtype).toBe('int32');
    expect(data.test.x.data[1]).toBeCloseTo(117 / 255, 6);
    expect(Array.from(data.train.y.data)).toEqual([0, 1, 2, 3, 4]);
    expect(expectCleanCache(root).sort()).toEqual([...files.keys()].sort());
    expect(requests.get('good')).toBe(4);
  });

  it('reads the cache on the next call, without the network', async () => {
    await loadMnist(options({ mirrors: [mirror('good')] }));
    const again = await loadMnist(options({ mirrors: [mirror('error500')] }));
    expect(again.test.y.shape).toEqual([3]);
    expect(requests.get('error500')).toBeUndefined();
    const offline = await loadMnist({ root, checksums });
    expect(offline.train.x.shape).toEqual([5, 4]);
  });

  it('a truncated response is an error naming the file, retried, and leaves nothing behind', async () => {
    const error = await loadMnist(options({ mirrors: [mirror('truncated')], retries: 1 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).file).toBe('train-images-idx3-ubyte.gz');
    expect((error as Error).message).toMatch(
      /could not download train-images-idx3-ubyte\.gz after 2 attempt/,
    );
    expect((error as Error).message).toMatch(/truncated|connection lost/);
    expect(requests.get('truncated')).toBe(2);
    expect(expectCleanCache(root)).toEqual([]);
  });

  it('wrong bytes fail the checksum; the message names the file; nothing is cached', async () => {
    const error = await loadMnist(options({ mirrors: [mirror('wrong')] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(/checksum mismatch for train-images-idx3-ubyte\.gz/);
    expect(expectCleanCache(root)).toEqual([]);
  });

  it('HTTP 500 on the first mirror (retried), then success on the second', async () => {
    const data = await loadMnist(
      options({ mirrors: [mirror('error500'), mirror('good')], retries: 1 }),
    );
    expect(data.train.x.shape).toEqual([5, 4]);
    expect(requests.get('error500')).toBe(8); // 2 tries for each of the 4 files
    expect(requests.get('good')).toBe(4);
    expect(expectCleanCache(root).length).toBe(4);
  });

  it('a 404 is not retried on the same mirror', async () => {
    await loadMnist(options({ mirrors: [mirror('notfound'), mirror('good')], retries: 3 }));
    expect(requests.get('notfound')).toBe(4);
  });

  it('a stalled connection times out with a clear error; a next mirror takes over', async () => {
    const started = Date.now();
    const error = await loadMnist(options({ mirrors: [mirror('stall')], timeoutMs: 150 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(/timed out: no data for 150 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(expectCleanCache(root)).toEqual([]);
    const data = await loadMnist(
      options({ mirrors: [mirror('stall'), mirror('good')], timeoutMs: 150 }),
    );
    expect(data.test.x.shape).toEqual([3, 4]);
  });

  it('a body that stops flowing times out too', async () => {
    const error = await loadMnist(
      options({ mirrors: [mirror('stallbody')], timeoutMs: 150 }),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/timed out/);
    expect(expectCleanCache(root)).toEqual([]);
  });

  it('follows redirects, and accepts answers without Content-Length', async () => {
    const data = await loadMnist(options({ mirrors: [mirror('redirect')] }));
    expect(data.train.x.shape).toEqual([5, 4]);
    await loadMnist(options({ root: join(home, 'other'), mirrors: [mirror('nolength')] }));
    expect(expectCleanCache(join(home, 'other')).length).toBe(4);
  });

  it('replaces a corrupt file in the cache with a verified download', async () => {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'train-labels-idx1-ubyte.gz'), 'not the file');
    const data = await loadMnist(options({ mirrors: [mirror('good')] }));
    expect(Array.from(data.train.y.data)).toEqual([0, 1, 2, 3, 4]);
    expect(expectCleanCache(root).length).toBe(4);
  });

  it('caches under $NABLA_HOME by default', async () => {
    const saved = process.env.NABLA_HOME;
    process.env.NABLA_HOME = home;
    try {
      expect(nablaHome()).toBe(home);
      await loadMnist({
        download: true,
        checksums,
        mirrors: [mirror('good')],
        retryDelayMs: 0,
        allowLoopbackHttp: true,
      });
      expect(expectCleanCache(join(home, 'mnist')).length).toBe(4);
      await loadFashionMnist({
        download: true,
        checksums,
        mirrors: [mirror('good')],
        retryDelayMs: 0,
        allowLoopbackHttp: true,
      });
      expect(expectCleanCache(join(home, 'fashion-mnist')).length).toBe(4);
    } finally {
      if (saved === undefined) delete process.env.NABLA_HOME;
      else process.env.NABLA_HOME = saved;
    }
  });

  it('reports progress as bytes arrive', async () => {
    const seen: number[] = [];
    await loadMnist(
      options({
        mirrors: [mirror('good')],
        onProgress: (p) => {
          if (p.file === 't10k-labels-idx1-ubyte.gz') seen.push(p.received, p.total ?? -1);
        },
      }),
    );
    const size = files.get('t10k-labels-idx1-ubyte.gz')!.length;
    expect(seen.slice(-2)).toEqual([size, size]);
  });
});

describe('loadMnist from a directory', () => {
  it('still verifies: a corrupt file is a ChecksumError naming it', async () => {
    mkdirSync(root, { recursive: true });
    for (const [name, bytes] of files) writeFileSync(join(root, name), bytes);
    writeFileSync(join(root, 't10k-images-idx3-ubyte.gz'), Buffer.from('corrupt'));
    const error = await loadMnist({ root, checksums }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumError);
    expect((error as Error).message).toMatch(/checksum mismatch for .*t10k-images-idx3-ubyte\.gz/);
    expect((error as ChecksumError).file).toBe(join(root, 't10k-images-idx3-ubyte.gz'));
  });

  it('checks the published checksums unless told otherwise', async () => {
    mkdirSync(root, { recursive: true });
    for (const [name, bytes] of files) writeFileSync(join(root, name), bytes);
    await expect(loadMnist({ root })).rejects.toThrow(
      /checksum mismatch for .*train-images-idx3-ubyte\.gz/,
    );
    expect(MNIST.files.trainImages.gzSha256).toBe(
      '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
    );
  });

  it('reads gunzipped files, checked against their own checksums', async () => {
    mkdirSync(root, { recursive: true });
    const raw: Record<string, string> = {};
    for (const [name, bytes] of files) {
      const inflated = gunzipSync(bytes);
      writeFileSync(join(root, name.replace(/\.gz$/, '')), inflated);
      raw[name.replace(/\.gz$/, '')] = sha256(inflated);
    }
    const data = await loadMnist({ root, checksums: raw });
    expect(data.train.x.shape).toEqual([5, 4]);
  });

  it('a missing file names itself and the fix', async () => {
    const error = await loadMnist({ root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingFileError);
    expect((error as Error).message).toMatch(
      /train-images-idx3-ubyte\.gz is not in .*pass download: true/,
    );
  });

  it('a verified file that is not valid IDX is an IdxError naming it', async () => {
    mkdirSync(root, { recursive: true });
    const bad = gzipSync(Buffer.from([0, 0, 8, 1, 0, 0, 0, 9, 1]));
    for (const [name, bytes] of files)
      writeFileSync(join(root, name), name.startsWith('train-labels') ? bad : bytes);
    const error = await loadMnist({
      root,
      checksums: { ...checksums, 'train-labels-idx1-ubyte.gz': sha256(bad) },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdxError);
    expect((error as Error).message).toMatch(/train-labels-idx1-ubyte\.gz/);
  });

  it('rejects bad options naming the option', async () => {
    await expect(loadMnist({ root, retries: -1 })).rejects.toThrow(
      /retries must be a non-negative integer/,
    );
    await expect(loadMnist({ root, timeoutMs: 0 })).rejects.toThrow(
      /timeoutMs must be a positive integer/,
    );
    await expect(loadMnist({ root, mirrors: [] })).rejects.toThrow(
      /mirrors must be a non-empty array/,
    );
    await expect(loadMnist({ root, download: 'yes' as unknown as boolean })).rejects.toThrow(
      ArgumentError,
    );
    await expect(loadMnist({ root: 42 as unknown as string })).rejects.toThrow(
      /root must be a directory path/,
    );
  });
});

describe('downloads are HTTPS only', () => {
  it('refuses an http:// mirror before any request, unless a loopback test server is allowed', async () => {
    const plain = loadMnist({ root, download: true, checksums, mirrors: [mirror('good')] });
    await expect(plain).rejects.toBeInstanceOf(ArgumentError);
    await expect(plain).rejects.toThrow(/mirror http:\/\/127\.0\.0\.1:\d+\/good\/ is not HTTPS/);
    expect(requests.size).toBe(0);
    expect(existsSync(root)).toBe(false);
  });

  it('refuses http:// off the loopback interface and other schemes even when allowed', async () => {
    for (const m of ['http://example.com/mnist/', 'ftp://127.0.0.1/mnist/', 'not a url']) {
      await expect(loadMnist(options({ mirrors: [m] }))).rejects.toThrow(
        /loadMnist: mirror .*(not HTTPS|unsupported scheme|not a URL)/,
      );
    }
  });

  it('refuses a redirect to plain http elsewhere, and writes nothing', async () => {
    const error = await loadMnist(options({ mirrors: [mirror('downgrade')] })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(/http:\/\/example\.invalid\/.* is not HTTPS/);
    expect(requests.get('downgrade')).toBe(1);
    expect(expectCleanCache(root)).toEqual([]);
  });
});
