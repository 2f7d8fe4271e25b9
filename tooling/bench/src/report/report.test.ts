// The bench's formatting logic on made-up results (the benchmarks themselves never run in tests).
import { describe, expect, it } from 'vitest';
import type { EngineResult, Measurement } from '../results.js';
import { metrics } from './metrics.js';
import { barChart } from './svg.js';
import { figuresTable, formatMarkdown, formatText, ratioTable } from './table.js';
import { checkTargets } from './targets.js';

const m = (median: number, unit: string): Measurement => ({
  median,
  best: median,
  samples: [median],
  unit,
});

const nabla: EngineResult = {
  engine: 'nabla-simd',
  label: 'Nabla',
  info: {},
  mnist: { samplesPerSec: m(40_000, 'samples/s'), msPerStep: m(3.2, 'ms/step'), rssMb: 100 },
  perOp: { usPerOp: m(0.1, 'µs/op') },
};
const peer: EngineResult = {
  engine: 'torch-1',
  label: 'PyTorch',
  info: {},
  mnist: { samplesPerSec: m(60_000, 'samples/s'), msPerStep: m(2.1, 'ms/step'), rssMb: 300 },
  perOp: { usPerOp: m(1, 'µs/op') },
};
const rows = metrics([[128, 784, 256]]);

describe('bench report', () => {
  it('tables only the figures some engine has, with readable numbers', () => {
    const table = figuresTable(rows, [nabla, peer]);
    expect(table.header).toEqual(['workload', 'unit', 'Nabla', 'PyTorch']);
    expect(table.rows).toEqual([
      ['MNIST MLP', 'samples/s', '40,000', '60,000'],
      ['MNIST MLP step', 'ms/step', '3.20', '2.10'],
      ['add of two 8-vectors', 'µs/op', '0.10', '1.00'],
    ]);
    const text = formatText(table).split('\n');
    expect(text[0]).toBe('workload              unit        Nabla  PyTorch');
    expect(text[2]).toBe('MNIST MLP             samples/s  40,000   60,000');
    expect(formatMarkdown(table).split('\n')[1]).toBe('|---|---:|---:|---:|');
  });

  it('ratios say how many times faster Nabla is, whichever way the unit runs', () => {
    const table = ratioTable(rows, nabla, [peer]);
    expect(table.rows).toEqual([
      ['MNIST MLP', '0.67×'],
      ['MNIST MLP step', '0.66×'],
      ['add of two 8-vectors', '10×'],
    ]);
  });

  it('checks targets, and says which it could not measure', () => {
    const checks = checkTargets({ 'nabla-simd': nabla, 'torch-1': peer });
    const byName = Object.fromEntries(checks.map((c) => [c.target, c]));
    expect(byName['per-op overhead ≤ 0.2 µs (add of two 8-vectors)']).toMatchObject({
      met: true,
      measured: '0.10 µs',
    });
    expect(byName['MNIST MLP ≥ 32,000 samples/s (1 thread)']?.met).toBe(true);
    expect(byName['MNIST MLP ≥ 0.5× PyTorch + OpenBLAS, 1 thread']).toMatchObject({
      met: true,
      measured: '0.67×',
    });
    expect(byName['MNIST MLP ≥ 10× TF.js wasm']?.met).toBeNull();
  });

  it('checks the 2-thread product on its slowest layout, and reports MNIST beside PyTorch', () => {
    const matmul = (gflops: number[]) =>
      Object.fromEntries(
        ['A·B', 'Aᵀ·B', 'A·Bᵀ'].map((l, i) => [`(128,784,256) ${l}`, m(gflops[i]!, 'GFLOP/s')]),
      );
    const twoThreads = (engine: string, gflops: number[], samples: number): EngineResult => ({
      engine,
      label: engine,
      info: {},
      matmul: matmul(gflops),
      mnist: { samplesPerSec: m(samples, 'samples/s'), msPerStep: m(1, 'ms/step'), rssMb: 1 },
    });
    const torch2: EngineResult = { ...peer, engine: 'torch-2' };
    const checks = checkTargets({
      'nabla-simd-2t': twoThreads('nabla-simd-2t', [70, 75, 72], 50_000),
      'nabla-relaxed-2t': twoThreads('nabla-relaxed-2t', [85, 81, 90], 60_000),
      'torch-2': torch2,
    });
    const byName = Object.fromEntries(checks.map((c) => [c.target, c]));
    expect(byName['matmul (128,784,256) ≥ 80 GFLOP/s with 2 threads']).toMatchObject({
      met: true,
      measured: '81.0 (slowest layout, faster variant)',
    });
    expect(
      byName['MNIST MLP, 2 threads, against PyTorch + OpenBLAS, 2 threads (reported)'],
    ).toMatchObject({ met: null, measured: '60,000 samples/s (1.00×)' });
  });

  it('draws one bar per engine and figure, scaled to the largest, with escaped text', () => {
    const svg = barChart(
      [
        {
          title: 'A & B',
          unit: 'x/s',
          bars: [
            { engine: 'one', value: 10 },
            { engine: 'two', value: 5 },
          ],
        },
      ],
      ['one', 'two'],
      'chart <1>',
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect x=/g)?.length).toBe(2);
    expect(svg).toContain('A &amp; B (x/s)');
    expect(svg).toContain('chart &lt;1&gt;');
    const widths = [...svg.matchAll(/<rect x="\d+" y="\d+" width="(\d+)"/g)].map((r) =>
      Number(r[1]),
    );
    expect(widths[0]).toBe(2 * widths[1]!);
  });
});
