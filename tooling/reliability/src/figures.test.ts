import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { budget, isLong } from './budget.js';
import { recordFigures } from './figures.js';

describe('figures', () => {
  it('records an area as JSON under the mode of the run', () => {
    recordFigures('self-test', 'Self test', [{ name: 'inputs tried', value: 3, unit: 'inputs' }]);
    const file = new URL(`../results/${isLong ? 'long' : 'short'}/self-test.json`, import.meta.url);
    const written = JSON.parse(readFileSync(fileURLToPath(file), 'utf8'));
    // Not a figure of the suite: the long run's report must not list it.
    rmSync(file);
    expect(written.title).toBe('Self test');
    expect(written.figures).toEqual([{ name: 'inputs tried', value: 3, unit: 'inputs' }]);
  });

  it('refuses an area name that is not kebab-case', () => {
    expect(() => recordFigures('../escape', 'x', [])).toThrow(/kebab-case/);
  });

  it('picks the budget of the mode', () => {
    expect(budget('short', 'long')).toBe(isLong ? 'long' : 'short');
  });
});
