// Ctrl-C in the middle of training writes a checkpoint and exits with 130; --resume continues
// and ends with exactly the weights of a run that was never interrupted.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, nabla, tempDir, tensorBytes } from './nabla.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

// Dropout makes the run draw random masks too, which the checkpoint must also carry.
const RUN = [
  'train',
  '--data',
  'spiral',
  '--layers',
  '16,16',
  '--dropout',
  '0.1',
  '--batch-size',
  '8',
  '--epochs',
  '25',
  '--patience',
  '0',
  '--json',
];

describe.concurrent('Ctrl-C and --resume', () => {
  it('ends with the same weights as an uninterrupted run', async () => {
    // The uninterrupted run and the one to interrupt, side by side.
    const whole = join(dir.path, 'whole.safetensors');
    const resumed = join(dir.path, 'resumed.safetensors');
    let sent = false;
    const [first, interrupted] = await Promise.all([
      nabla([...RUN, '--out', whole]),
      nabla([...RUN, '--out', resumed], {
        onStdout: (stdout, child) => {
          // After the second epoch, in the middle of the third.
          if (!sent && stdout.includes('"type":"epoch","epoch":2,')) {
            sent = true;
            setTimeout(() => child.kill('SIGINT'), 30);
          }
        },
      }),
    ]);
    expect(first.code).toBe(0);
    expect(sent).toBe(true);
    expect(interrupted.code).toBe(130);
    const last = jsonLines(interrupted.stdout).at(-1)!;
    expect(last.type).toBe('interrupted');
    const checkpoint = join(dir.path, 'resumed.checkpoint.safetensors');
    expect(last.checkpoint).toBe(checkpoint);
    expect(last.resume).toBe(`nabla train --resume ${checkpoint}`);
    expect(existsSync(checkpoint)).toBe(true);
    expect(existsSync(resumed)).toBe(false);

    const rest = await nabla(['train', '--resume', checkpoint, '--json']);
    expect(rest.stderr).toBe('');
    expect(rest.code).toBe(0);
    const summary = jsonLines(rest.stdout).at(-1)!;
    expect(summary.model).toBe(resumed);
    expect(summary.epochs).toBe(25);

    const a = tensorBytes(whole);
    const b = tensorBytes(resumed);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a)
      expect(Buffer.from(b.get(name)!).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses flags that would change the checkpointed run', async () => {
    const out = join(dir.path, 'short.safetensors');
    let sent = false;
    await nabla([...RUN, '--out', out], {
      onStdout: (stdout, child) => {
        if (!sent && stdout.includes('"type":"epoch","epoch":1,')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    const run = await nabla([
      'train',
      '--resume',
      join(dir.path, 'short.checkpoint.safetensors'),
      '--lr',
      '0.5',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--lr 0.5 differs from the checkpointed run/);
  });
});
