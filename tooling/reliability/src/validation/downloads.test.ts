// Downloads go over HTTPS only and store nothing that fails its SHA-256: a plain-HTTP mirror is
// refused before any connection, a loopback server's redirect off HTTPS is not followed, and
// bytes with the wrong checksum never reach the cache.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadError } from '@nabla/datasets';
import { loadMnist, MNIST } from '@nabla/datasets/node';
import { ArgumentError } from '@nabla/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from '../figures.js';

let server: Server;
let base: string;
let connections = 0;
const root = mkdtempSync(join(tmpdir(), 'nabla-downloads-'));
const refused: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    connections++;
    if (req.url?.startsWith('/downgrade/')) {
      res.writeHead(302, { location: `http://example.invalid${req.url}` }).end();
    } else {
      // Bytes that are not the published file: the checksum must refuse them.
      res.writeHead(200, { 'content-length': 16 }).end(Buffer.alloc(16, 7));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
  recordFigures('validation-downloads', 'Security: downloads', [
    {
      name: 'download policies checked',
      value: refused.length,
      unit: 'cases',
      note: refused.join('; '),
    },
  ]);
});

const quick = { download: true, retries: 0, retryDelayMs: 0, timeoutMs: 2_000 } as const;

describe('downloads', () => {
  it('the published mirrors are all HTTPS', () => {
    for (const mirror of MNIST.mirrors) expect(new URL(mirror).protocol).toBe('https:');
  });

  it.each(['http://example.com/mnist/', 'ftp://example.com/mnist/', 'file:///etc/', 'not a url'])(
    'refuses the mirror %s before connecting, and writes nothing',
    async (mirror) => {
      const dir = join(root, 'refused');
      const before = connections;
      const error = await loadMnist({ ...quick, root: dir, mirrors: [mirror] }).catch((e) => e);
      expect(error).toBeInstanceOf(ArgumentError);
      expect((error as Error).message).toMatch(/HTTPS|not a URL/);
      expect(connections).toBe(before);
      expect(existsSync(dir)).toBe(false);
      refused.push(`mirror ${mirror}: ArgumentError before any connection`);
    },
  );

  it('refuses plain HTTP even to loopback unless a test says allowLoopbackHttp', async () => {
    const error = await loadMnist({
      ...quick,
      root: join(root, 'lo'),
      mirrors: [`${base}/x/`],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ArgumentError);
    refused.push('loopback http without allowLoopbackHttp: ArgumentError');
  });

  it('does not follow a redirect off HTTPS', async () => {
    const dir = join(root, 'downgrade');
    const error = await loadMnist({
      ...quick,
      root: dir,
      mirrors: [`${base}/downgrade/`],
      allowLoopbackHttp: true,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(
      /example\.invalid.*not HTTPS|not HTTPS.*example\.invalid/,
    );
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    refused.push('redirect to http://example.invalid: DownloadError, not followed');
  });

  it('stores nothing whose SHA-256 is not the published one', async () => {
    const dir = join(root, 'checksum');
    const error = await loadMnist({
      ...quick,
      root: dir,
      mirrors: [`${base}/wrong/`],
      allowLoopbackHttp: true,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(
      /checksum mismatch for train-images-idx3-ubyte\.gz: SHA-256 [0-9a-f]{64}, expected 440fcabf/,
    );
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    refused.push('wrong bytes from the mirror: DownloadError naming the checksum, cache empty');
  });
});
