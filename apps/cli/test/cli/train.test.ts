import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, nabla, tempDir } from './nabla.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe.concurrent('nabla train', () => {
  it('prints one JSON object per line, ending with the summary', async () => {
    const out = join(dir.path, 'circles.safetensors');
    const run = await nabla([
      'train',
      '--data',
      'circles',
      '--epochs',
      '4',
      '--json',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines[0]!.type).toBe('start');
    expect(lines.filter((l) => l.type === 'epoch').map((l) => l.epoch)).toEqual([1, 2, 3, 4]);
    const summary = lines.at(-1)!;
    expect(summary.type).toBe('summary');
    expect(summary.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(summary.testAccuracy).toBeLessThanOrEqual(1);
    expect(summary.testAccuracy).toBeGreaterThan(0.9);
    expect(typeof summary.testLoss).toBe('number');
    expect(summary.epochs).toBe(4);
    expect(Number.isInteger(summary.bestEpoch)).toBe(true);
    expect(summary.stoppedEarly).toBe(false);
    expect(summary.seconds).toBeGreaterThan(0);
    expect(summary.samplesPerSecond).toBeGreaterThan(0);
    expect(summary.model).toBe(out);
    expect(existsSync(out)).toBe(true);
    const epoch = lines.find((l) => l.type === 'epoch')!;
    for (const key of ['loss', 'accuracy', 'valLoss', 'valAccuracy', 'valLossSmoothed', 'lr']) {
      expect(typeof epoch[key]).toBe('number');
    }
  });

  it('says where early stopping stopped and why', async () => {
    // An improvement must beat the best by more than 10: after the first epoch none does.
    const out = join(dir.path, 'early.safetensors');
    const run = await nabla([
      'train',
      '--data',
      'xor',
      '--epochs',
      '30',
      '--patience',
      '2',
      '--min-delta',
      '10',
      '--json',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    const summary = jsonLines(run.stdout).at(-1)!;
    expect(summary.stoppedEarly).toBe(true);
    expect(summary.epochs).toBe(3);
    expect(summary.bestEpoch).toBe(1);
    expect(summary.restoredEpoch).toBe(1);
    expect(summary.stopMessage).toMatch(/after epoch 3.*for 2 epochs/);
  });

  it('shows a table per epoch and the outcome without --json', async () => {
    const out = join(dir.path, 'table.safetensors');
    const run = await nabla(['train', '--data', 'moons', '--epochs', '2', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /epoch\s+train loss\s+train acc\s+val loss\s+val acc\s+val EMA\s+lr/,
    );
    expect(run.stdout).toMatch(/^\s+2\s+\d/m);
    expect(run.stdout).toMatch(/Test accuracy \d+\.\d\d%/);
    expect(run.stdout).toContain(`Model written to ${out}.`);
    // No temporary file of this model is left next to it (the other runs of this file write
    // their own models into the same directory at the same time).
    expect(readdirSync(dir.path).filter((f) => f.startsWith('.table.safetensors.'))).toEqual([]);
  });
});
