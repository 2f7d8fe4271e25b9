// Words and pictures of a Digits training run: the loss chart with the early-stopping epochs
// marked, and the sentence saying how training ended.
import { SERIES } from '../shared/colors';
import type { ChartSpec, Marker } from '../shared/line-chart';
import type { DigitsState } from '../state/app-state';
import type { EpochReport, TrainingEnd } from './protocol';

/** Training, validation and smoothed validation loss by epoch; the best (or restored) and stop epochs. */
export function lossChart(reports: readonly EpochReport[], end: TrainingEnd | null): ChartSpec {
  const xs = reports.map((r) => r.epoch);
  const markers: Marker[] = [];
  const best = end?.restoredEpoch ?? reports[reports.length - 1]?.bestEpoch ?? null;
  if (best !== null) {
    const label = end?.restoredEpoch != null ? `restored ${best}` : `best ${best}`;
    markers.push({ x: best, label, color: '#2ca02c' });
  }
  if (end?.stoppedEpoch != null) {
    markers.push({ x: end.stoppedEpoch, label: `stopped ${end.stoppedEpoch}`, color: '#d62728' });
  }
  return {
    series: [
      { label: 'training', color: SERIES[5]!, xs, ys: reports.map((r) => r.loss) },
      { label: 'validation', color: SERIES[1]!, xs, ys: reports.map((r) => r.valLoss) },
      {
        label: 'validation, EMA',
        color: '#222',
        xs,
        ys: reports.map((r) => r.smoothed),
        dashed: true,
      },
    ],
    markers,
    xLabel: 'epoch',
    xMin: 1,
    xMax: Math.max(5, reports.length),
  };
}

/** What ended training, in the lecture's words, with the numbers rounded for reading. */
export function endMessage(
  end: TrainingEnd,
  reports: readonly EpochReport[],
  state: Pick<DigitsState, 'patience' | 'smoothing'>,
): string {
  const restored =
    end.restoredEpoch !== null ? ` Restored the weights of epoch ${end.restoredEpoch}.` : '';
  const epochs = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;
  if (end.aborted) return `Stopped by you after ${epochs(reports.length)}.`;
  if (end.stoppedEpoch === null) return `Ran all ${epochs(reports.length)}.${restored}`;
  const best = reports.find((r) => r.epoch === end.restoredEpoch);
  const smoothed = state.smoothing > 0 ? `smoothed (α = ${state.smoothing}) ` : '';
  const bestText = best ? `; best ${best.smoothed.toFixed(4)} at epoch ${best.epoch}` : '';
  return `Early stopping after epoch ${end.stoppedEpoch}: the ${smoothed}validation loss had not improved for ${epochs(state.patience)}${bestText}.${restored}`;
}
