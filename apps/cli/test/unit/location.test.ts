import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, UsageError } from '../../src/errors.js';
import { checkOutputLocation, makeDirectories } from '../../src/output/location.js';

const dir = mkdtempSync(join(tmpdir(), 'nabla-location-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkOutputLocation', () => {
  it('accepts a new file in a new directory and leaves nothing behind', async () => {
    await checkOutputLocation('--out', join(dir, 'a', 'b', 'model.safetensors'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a directory as a usage error', async () => {
    await expect(checkOutputLocation('--report', dir)).rejects.toThrow(UsageError);
    await expect(checkOutputLocation('--report', dir)).rejects.toThrow(
      /is a directory; .*report\.html/,
    );
  });

  it('refuses a path under a regular file, naming the file', async () => {
    const file = join(dir, 'plain');
    writeFileSync(file, 'x');
    const error = await checkOutputLocation('--out', join(file, 'sub', 'model.safetensors')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/plain is a file, not a directory/);
  });

  // Node 20's recursive mkdir never settles under /proc; the check must answer at once.
  it.runIf(existsSync('/proc/self'))(
    'refuses /proc without hanging',
    async () => {
      await expect(checkOutputLocation('--out', '/proc/nabla/model.safetensors')).rejects.toThrow(
        /cannot write in \/proc/,
      );
    },
    5_000,
  );
});

describe('makeDirectories', () => {
  it('makes every missing level and accepts existing ones', async () => {
    mkdirSync(join(dir, 'x'), { recursive: true });
    await makeDirectories(join(dir, 'x', 'y', 'z'));
    await makeDirectories(join(dir, 'x', 'y', 'z'));
    expect(existsSync(join(dir, 'x', 'y', 'z'))).toBe(true);
  });

  it.runIf(existsSync('/proc/self'))(
    'fails under /proc instead of hanging',
    async () => {
      await expect(makeDirectories('/proc/nabla/deeper')).rejects.toThrow(/ENOENT/);
    },
    5_000,
  );
});
