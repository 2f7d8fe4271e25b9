// Every malformed call in api-cases.ts throws its typed error (a NablaError) with a message
// naming the problem, synchronously or as a rejection, and never anything untyped.
import { NablaError } from '@nabla/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFigures } from '../figures.js';
import { API_CASES, API_CASES_BY_LIBRARY } from './api-cases.js';

const passed = new Map<string, number>();

afterAll(() => {
  const byLibrary = [...passed].map(([lib, n]) => `${lib} ${n}`).join(', ');
  recordFigures('validation-api', 'Input validation: malformed API calls', [
    { name: 'malformed calls in the table', value: API_CASES.length, unit: 'rows' },
    {
      name: 'rows passed',
      value: [...passed.values()].reduce((a, b) => a + b, 0),
      unit: 'rows',
      note: `the documented NablaError subclass, a message naming the value or shape; by library: ${byLibrary}`,
    },
  ]);
});

describe('malformed API calls', () => {
  it('the table holds its rows once each', () => {
    expect(API_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(API_CASES.map((c) => c.name)).size).toBe(API_CASES.length);
  });

  for (const [library, cases] of Object.entries(API_CASES_BY_LIBRARY)) {
    for (const c of cases) {
      it(`${library} ${c.name}`, async () => {
        let thrown: unknown = null;
        try {
          await c.call();
        } catch (error) {
          thrown = error;
        }
        expect(thrown, 'the call did not throw').not.toBeNull();
        expect(thrown, String(thrown)).toBeInstanceOf(c.error);
        expect(thrown).toBeInstanceOf(NablaError);
        expect((thrown as Error).message).toMatch(c.message);
        expect(Object.prototype).not.toHaveProperty('polluted');
        passed.set(library, (passed.get(library) ?? 0) + 1);
      });
    }
  }
});
