// With --json, every error is one JSON line on stdout, flag errors included (a program reading
// the output must not have to parse stderr to learn that its command line was refused).
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function run(argv: string[]) {
  const out = new Capture();
  const err = new Capture();
  const code = await main(argv, { out, err: err as unknown as NodeJS.WriteStream });
  return { code, stdout: out.text, stderr: err.text };
}

describe('--json error lines', () => {
  it.each([
    [['train', '--lr', '-1', '--json'], /'--lr <rate>' argument '-1' is invalid/],
    [['train', '--frob', '--json'], /unknown option '--frob'/],
    [['predict', '--json'], /missing required argument 'model'/],
  ])('%j: exit 2 and one error line naming the problem', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { type: string; message: string; exitCode: number };
    expect(line).toMatchObject({ type: 'error', exitCode: 2 });
    expect(line.message).toMatch(message);
    expect(line.message).not.toMatch(/^error: |\n/);
    expect(r.stderr).toMatch(message);
  });

  it('writes nothing to stdout for a flag error without --json', async () => {
    const r = await run(['train', '--lr', '-1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
