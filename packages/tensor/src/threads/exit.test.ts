// Helper workers must never keep a Node process alive: a script that shares products between
// threads and then simply ends must exit on its own, promptly, with its helpers asleep. Runs
// the built package (turbo builds it before tests) in a child process bounded by a timeout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

const script = `
import { getNumThreads, matmul, randn, setNumThreads, threadsReady } from ${JSON.stringify(dist)};
setNumThreads(2);
const threads = await threadsReady();
const a = randn([96, 200], { seed: 1 });
const b = randn([200, 160], { seed: 2 });
for (let i = 0; i < 5; i++) matmul(a, b);
console.log(JSON.stringify({ threads, asked: getNumThreads() }));
`;

describe('helper threads', () => {
  it('let the process exit by itself once its work is done', () => {
    expect(existsSync(dist), 'run `pnpm --filter @nabla/tensor build` first').toBe(true);
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(child.error, `the child did not exit within 20 s (${child.error?.message})`).toBe(
      undefined,
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ threads: 2, asked: 2 });
    expect(seconds).toBeLessThan(20);
  }, 30_000);
});
