// `--data WORD` is a data set's name; a bare word that is a directory or file here gets a hint
// to write it as a path.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { UsageError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'nabla-data-name-'));
const start = process.cwd();
beforeAll(() => {
  mkdirSync(join(dir, 'digits'));
  process.chdir(dir);
});
afterAll(() => {
  process.chdir(start);
  rmSync(dir, { recursive: true, force: true });
});

const load = (data: string) =>
  loadData({ data, download: false, noise: 0, labelColumn: undefined, onDownload: () => {} });

describe('--data given a bare word', () => {
  it('suggests ./WORD when WORD exists here', async () => {
    const error = await load('digits').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      /unknown data set "digits" .*; "digits" here is read as a path when written \.\/digits\)$/,
    );
  });

  it('suggests giving a path otherwise', async () => {
    await expect(load('mnits')).rejects.toThrow(/unknown data set "mnits" .*or give a path/);
  });
});
