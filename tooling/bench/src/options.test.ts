import { describe, expect, it } from 'vitest';
import { parseOptions, resolveOptions } from './options.js';

describe('bench options', () => {
  it('a full run rewrites the docs and its JSON goes beside them', () => {
    const o = resolveOptions({});
    expect(o).toMatchObject({ quick: false, peers: true, docs: true });
    expect(o.json).toBe(`${o.docsDir}/performance.json`);
  });

  it('a quick run leaves the docs alone unless asked, and writes to results/quick.json', () => {
    expect(resolveOptions({ quick: true })).toMatchObject({ docs: false });
    expect(resolveOptions({ quick: true }).json).toMatch(/tooling\/bench\/results\/quick\.json$/);
    expect(resolveOptions({ quick: true, docs: true }).docs).toBe(true);
  });

  it('pnpm bench flags mean what the same choices mean to resolveOptions', () => {
    const argv = ['--quick', '--no-peers', '--no-docs', '--json', 'out.json'];
    const expected = resolveOptions({ quick: true, peers: false, docs: false, json: 'out.json' });
    expect(parseOptions(argv)).toEqual(expected);
    expect(parseOptions(['--quick', '--docs']).docs).toBe(true);
    expect(parseOptions(['--docs', '--no-docs']).docs).toBe(false);
  });

  it('refuses an unknown flag, naming it', () => {
    expect(() => parseOptions(['--fast'])).toThrow(/unknown option --fast/);
  });
});
