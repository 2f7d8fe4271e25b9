#!/usr/bin/env node
// Checks that the built main entry works in a real browser, with no file to serve but the
// modules and no network: toy sets, the embedded MNIST sample through the browser's own
// DecompressionStream, the DataLoader, and an IdxError. Not part of CI (it needs Chromium):
//
//   pnpm --filter @nabla/datasets build && node packages/datasets/scripts/browser-check.mjs
//
// $CHROMIUM names the browser binary (default `chromium`).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packages = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const page = `<!doctype html><html><body><pre id="out">pending</pre>
<script type="importmap">{ "imports": {
  "@nabla/tensor": "/tensor/dist/index.js", "@nabla/datasets": "/datasets/dist/index.js" } }</script>
<script type="module">
import { circles, DataLoader, IdxError, loadMnistSample, parseIdx } from '@nabla/datasets';
const out = document.getElementById('out');
try {
  const c = circles({ n: 500, noise: 0.1, seed: 1 });
  const start = performance.now();
  const s = await loadMnistSample();
  const ms = Math.round(performance.now() - start);
  let seen = 0;
  for (const b of new DataLoader(s.test, { batchSize: 100, shuffle: true, seed: 3 })) seen += b.y.size;
  const bad = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const idxError = await parseIdx(bad).then(() => false, (e) => e instanceof IdxError);
  out.textContent = JSON.stringify({ circles: c.x.shape, train: s.train.x.shape, test: s.test.x.shape, seen, idxError, ms });
} catch (e) {
  out.textContent = 'ERROR ' + e.stack;
}
</script></body></html>`;

const server = createServer(async (req, res) => {
  const url = req.url ?? '/';
  if (url === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    return;
  }
  const [, pkg, ...rest] = url.split('/');
  try {
    const body = await readFile(join(packages, pkg, ...rest));
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const { port } = server.address();
try {
  // Asynchronously, so this process keeps serving the modules while the browser loads them.
  const dom = await new Promise((done, fail) => {
    execFile(
      process.env.CHROMIUM ?? 'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--virtual-time-budget=60000',
        '--dump-dom',
        `http://127.0.0.1:${port}/`,
      ],
      { timeout: 120_000, maxBuffer: 1 << 20 },
      (error, stdout) => (error ? fail(error) : done(stdout)),
    );
  });
  const text = /<pre id="out">(.*)<\/pre>/s.exec(dom)?.[1] ?? dom;
  const result = JSON.parse(text.startsWith('{') ? text : 'null');
  const ok =
    result !== null &&
    result.train.join() === '10000,784' &&
    result.test.join() === '2000,784' &&
    result.seen === 2000 &&
    result.idxError === true;
  console.log(ok ? `browser check ok: ${text}` : `browser check FAILED: ${text}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  server.close();
}
