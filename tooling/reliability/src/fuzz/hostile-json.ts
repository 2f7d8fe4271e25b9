// JSON that a parser of outside data must survive: numbers JSON cannot hold or that lie
// (NaN, Infinity, -0, 1e309, 2^53 + 1, negative, fractional), keys that name prototypes, nesting
// deep enough to overflow a recursive walker, and documents far larger than any real header.
import fc from 'fast-check';
import { budget } from '../budget.js';

/** Number tokens as they would appear in the text, valid JSON or not. */
export const hostileNumber = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '-0.0',
  '1e309',
  '-1',
  '1.5',
  '0.1e1',
  '9007199254740993',
  '18446744073709551616',
  '2147483648',
  '4294967296',
  '1e21',
  '0x10',
  '01',
  '1E2',
);

export const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  '',
  '\u0000',
  '\ud800',
  'a'.repeat(300),
);

/** Arrays or objects nested up to a depth that breaks recursive code (V8's JSON.parse copes). */
export const deepNesting = fc
  .record({ depth: fc.integer({ min: 1, max: budget(20_000, 100_000) }), objects: fc.boolean() })
  .map(({ depth, objects }) =>
    objects
      ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
      : `${'['.repeat(depth)}${']'.repeat(depth)}`,
  );

/** Large documents: a long string, a long array of numbers, many keys. */
export const enormous = fc
  .record({ size: fc.integer({ min: 1_000, max: budget(200_000, 500_000) }), kind: fc.nat(2) })
  .map(({ size, kind }) => {
    if (kind === 0) return JSON.stringify('x'.repeat(size));
    if (kind === 1) return `[${'0,'.repeat(size)}0]`;
    return `{${Array.from({ length: size / 10 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  });

/** Any JSON value text, valid or hostile. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom('null', 'true', '{}', '[]', '""', '"F32"', '[1,2]') },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: enormous },
);

/** `text` with some of its number tokens replaced by hostile ones. */
export function replaceNumbers(
  text: string,
  picks: readonly number[],
  tokens: readonly string[],
): string {
  let n = 0;
  return text.replace(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g, (match) => {
    const k = picks.indexOf(n++);
    return k === -1 ? match : tokens[k % tokens.length]!;
  });
}
