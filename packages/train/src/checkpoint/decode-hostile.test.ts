// decodeCheckpoint reads files from disk: damaged or hostile state is a typed error, never a
// SyntaxError or a stack overflow.
import { toSafetensors } from '@nabla/nn';
import { ArgumentError } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from './encode.js';

const withState = (json: string) => toSafetensors({}, { 'nabla.train.checkpoint': json });

describe('decodeCheckpoint on hostile state', () => {
  it('refuses state that is not JSON, naming the key', () => {
    expect(() => decodeCheckpoint(withState('{"epoch":'))).toThrow(ArgumentError);
    expect(() => decodeCheckpoint(withState('{"epoch":'))).toThrow(
      /decodeCheckpoint: the checkpoint state in 'nabla\.train\.checkpoint' is not valid JSON/,
    );
  });

  it.each([
    ['arrays', (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`],
    ['objects', (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`],
  ])('refuses %s nested 200,000 deep without overflowing the stack', (_kind, nest) => {
    expect(() => decodeCheckpoint(withState(nest(200_000)))).toThrow(
      /nested deeper than 64 levels/,
    );
  });
});
