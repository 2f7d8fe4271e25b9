import { describe, expect, it } from 'vitest';
import type { EpochReport, TrainingEnd } from './protocol';
import { endMessage, lossChart } from './report';

const report = (
  epoch: number,
  valLoss: number,
  smoothed: number,
  bestEpoch: number,
): EpochReport => ({
  epoch,
  loss: 1 / epoch,
  valLoss,
  smoothed,
  valAccuracy: 0.9,
  bestEpoch,
  wait: epoch - bestEpoch,
  test: { accuracy: 0.9, mistakes: [] },
});

const reports = [report(1, 0.5, 0.5, 1), report(2, 0.4, 0.43, 2), report(3, 0.45, 0.444, 2)];
const stopped: TrainingEnd = {
  message: '',
  stoppedEpoch: 3,
  restoredEpoch: 2,
  aborted: false,
  test: { accuracy: 0.9, mistakes: [] },
};

describe('Digits report', () => {
  it('marks the restored and the stopping epoch on the chart', () => {
    const chart = lossChart(reports, stopped);
    expect(chart.markers?.map((m) => [m.x, m.label])).toEqual([
      [2, 'restored 2'],
      [3, 'stopped 3'],
    ]);
    expect(chart.series.map((s) => Array.from(s.ys))).toEqual([
      [1, 0.5, 1 / 3],
      [0.5, 0.4, 0.45],
      [0.5, 0.43, 0.444],
    ]);
    expect(lossChart(reports, null).markers?.map((m) => m.label)).toEqual(['best 2']);
  });

  it('says how training ended', () => {
    expect(endMessage(stopped, reports, { patience: 1, smoothing: 0.3 })).toBe(
      'Early stopping after epoch 3: the smoothed (α = 0.3) validation loss had not improved for 1 epoch; best 0.4300 at epoch 2. Restored the weights of epoch 2.',
    );
    expect(endMessage({ ...stopped, aborted: true }, reports, { patience: 1, smoothing: 0 })).toBe(
      'Stopped by you after 3 epochs.',
    );
    expect(
      endMessage({ ...stopped, stoppedEpoch: null }, reports, { patience: 2, smoothing: 0 }),
    ).toBe('Ran all 3 epochs. Restored the weights of epoch 2.');
  });
});
