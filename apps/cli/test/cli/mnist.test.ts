// The digits round trip: train on the embedded MNIST sample (one short run), then eval and
// predict with only the model file, and look into the report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, jsonLines, nabla, type Run, tempDir } from './nabla.js';

const dir = tempDir();
const model = join(dir.path, 'digits.safetensors');
const report = join(dir.path, 'report.html');
let train: Run;
let summary: Record<string, unknown>;

beforeAll(async () => {
  train = await nabla([
    'train',
    '--epochs',
    '2',
    '--layers',
    '32',
    '--json',
    '--out',
    model,
    '--report',
    report,
  ]);
  summary = jsonLines(train.stdout).at(-1)!;
}, 180_000);
afterAll(() => dir.cleanup());

// After the one training run, the checks are independent processes: run them side by side.
describe.concurrent('train → eval → predict on digits', () => {
  it('trains on mnist-sample by default', () => {
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    expect(summary.type).toBe('summary');
    expect(summary.testSamples).toBe(2000);
    expect(summary.testAccuracy).toBeGreaterThan(0.85);
  });

  it('evaluates the model from the file alone, to the same numbers', async () => {
    const run = await nabla(['eval', model, '--json']);
    expect(run.code).toBe(0);
    const [result] = jsonLines(run.stdout);
    expect(result!.accuracy).toBe(summary.testAccuracy);
    expect(result!.loss).toBeCloseTo(summary.testLoss as number, 6);
    expect(result!.confusionMatrix).toEqual(summary.confusionMatrix);
  });

  it('prints loss, accuracy, per-class accuracy and the confusion matrix', async () => {
    const run = await nabla(['eval', model]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Accuracy\s+\d+\.\d\d%/);
    expect(run.stdout).toMatch(/class\s+accuracy\s+samples/);
    expect(run.stdout).toContain('Confusion matrix');
    expect(run.stdout).toMatch(/^9\s+(\d+\s+){9}\d+$/m);
  });

  it('reads PNG digits however they are drawn and names the right class', async () => {
    const files = ['digit-7-mnist.png', 'digit-2-paper.png', 'digit-1-alpha.png'];
    const run = await nabla(['predict', model, ...files.map((f) => join(FIXTURES, f)), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => {
      const top = line.top as { label: string; probability: number }[];
      expect(line.file).toBe(join(FIXTURES, files[i]!));
      expect(top).toHaveLength(3);
      expect(top[0]!.probability).toBeGreaterThanOrEqual(top[1]!.probability);
      expect(top.reduce((s, t) => s + t.probability, 0)).toBeLessThanOrEqual(1 + 1e-6);
    });
    expect(lines.map((l) => (l.top as { label: string }[])[0]!.label)).toEqual(['7', '2', '1']);
  });

  it('prints the top classes as a table', async () => {
    const run = await nabla(['predict', model, join(FIXTURES, 'digit-7-mnist.png')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/digit-7-mnist\.png\s+7 \d+\.\d%\s+\d \d+\.\d%\s+\d \d+\.\d%/);
  });

  it('writes a self-contained report with its charts', () => {
    const html = readFileSync(report, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg class="chart line-chart"/g)).toHaveLength(3);
    expect(html).toContain('<svg class="chart confusion-matrix"');
    expect(html.match(/<rect class="cell/g)).toHaveLength(100);
    expect(html).toContain('class="digits misclassified"');
    expect(html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    expect(html).toMatch(/best epoch \d/);
    // Nothing to fetch: no script, no stylesheet or image from elsewhere.
    expect(html).not.toMatch(/<script|<link|(src|href)="(https?:)?\/\//);
  });
});
