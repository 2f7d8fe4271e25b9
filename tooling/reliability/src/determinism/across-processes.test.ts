// Determinism across processes: three separate node processes train the same seeded runs (a
// short run on the embedded MNIST sample and one on the spiral, dropout on, shuffled batches)
// and must produce bit-identical weights and Histories, compared by SHA-256 of their bytes —
// and equal to this process's own run of the same code. Another seed must change them, so the
// hashes do measure the training.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { budget, isLong } from '../budget.js';
import { runNode } from '../crash/child-process.js';
import { recordFigures } from '../figures.js';
import { mnistDigest, type RunDigest, SIZES, spiralDigest } from './recipes.mjs';

const CHILD = fileURLToPath(new URL('./train-child.mjs', import.meta.url));
const PROCESSES = 3;
const SEEDS = budget([7], [7, 8, 9]);
const mode = isLong ? 'long' : 'short';
const size = SIZES[mode];

interface ChildDigest {
  readonly pid: number;
  readonly mnist: RunDigest;
  readonly spiral: RunDigest;
}

describe('determinism across processes', () => {
  it(`the same seed gives the same weights and History in ${PROCESSES} processes`, async () => {
    const started = performance.now();
    let bytesCompared = 0;
    const hashes = new Set<string>();
    for (const seed of SEEDS) {
      const children = await Promise.all(
        Array.from({ length: PROCESSES }, () =>
          runNode(CHILD, [mode, String(seed)], 600_000).then(
            (lines) => JSON.parse(lines[0]!) as ChildDigest,
          ),
        ),
      );
      expect(new Set(children.map((c) => c.pid)).size).toBe(PROCESSES);
      const here = { mnist: await mnistDigest(size, seed), spiral: await spiralDigest(size, seed) };
      for (const run of ['mnist', 'spiral'] as const) {
        for (const child of children) {
          expect(child[run].weights, `${run} weights, seed ${seed}`).toBe(here[run].weights);
          expect(child[run].history, `${run} History, seed ${seed}`).toBe(here[run].history);
          bytesCompared += child[run].weightBytes + child[run].historyBytes;
        }
        expect(Number.isFinite(here[run].finalLoss)).toBe(true);
        hashes.add(here[run].weights);
      }
    }
    // Another seed, another result: the digests are not constants.
    const other = await spiralDigest(size, SEEDS[0]! + 100);
    expect(hashes.has(other.weights)).toBe(false);

    recordFigures('determinism', 'Determinism across processes', [
      {
        name: 'processes per seed',
        value: PROCESSES,
        unit: 'processes',
        note: 'plus the test process itself',
      },
      { name: 'seeds', value: SEEDS.length, unit: 'seeds' },
      {
        name: 'MNIST sample run',
        value: `${size.mnistSamples} digits × ${size.mnistEpochs} epochs`,
        note: `784-${size.mnistHidden.join('-')}-10, dropout 0.2, Adam + cosine, batches of 64`,
      },
      {
        name: 'spiral run',
        value: `400 points × ${size.spiralEpochs} epochs`,
        note: '2-24-24-2 tanh, dropout 0.1, Adam, batches of 32',
      },
      {
        name: 'bytes compared by SHA-256 (weights and Histories)',
        value: bytesCompared,
        unit: 'bytes',
      },
      { name: 'mismatches', value: 0, unit: 'runs', note: 'any would fail the test' },
      { name: 'time', value: Math.round((performance.now() - started) / 1000), unit: 's' },
    ]);
  });
});
