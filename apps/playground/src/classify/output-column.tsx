// The Classify view's output: test and training loss, their curves, and the decision boundary.
import { useMemo } from 'preact/hooks';
import { SERIES } from '../shared/colors';
import { Panel } from '../shared/controls';
import { LineChart } from '../shared/line-chart-view';
import { formatNumber } from '../shared/scale';
import { useCanvas } from '../shared/use-canvas';
import type { ClassifyState } from '../state/app-state';
import { drawBoundary } from './draw-boundary';
import type { ClassifyData, ClassifyFrame } from './protocol';

export function OutputColumn(props: {
  state: ClassifyState;
  frame: ClassifyFrame | null;
  data: ClassifyData | null;
  showTest: boolean;
}) {
  const { state, frame, data, showTest } = props;
  const regression = state.problem === 'regression';
  const boundary = useCanvas(
    (ctx, w) =>
      drawBoundary(ctx, w, {
        output: frame?.output ?? null,
        outputSize: frame?.outputSize ?? 0,
        data,
        showTest,
        regression,
      }),
    [frame, data, showTest, regression],
  );
  const chart = useMemo(
    () => ({
      series: [
        { label: 'Test loss', color: '#222', ys: frame?.testHistory ?? [] },
        { label: 'Training loss', color: SERIES[5]!, ys: frame?.trainHistory ?? [], dashed: true },
      ],
      xLabel: 'epoch',
      xMax: 10,
    }),
    [frame],
  );
  return (
    <section class="column" aria-label="Output">
      <Panel title="Output">
        <div class="losses">
          <div>
            Test loss{' '}
            <output data-testid="test-loss">{frame ? frame.testLoss.toFixed(3) : '—'}</output>
          </div>
          <div>
            Training loss{' '}
            <output data-testid="train-loss">{frame ? frame.trainLoss.toFixed(3) : '—'}</output>
          </div>
        </div>
        <LineChart spec={chart} label="Training and test loss by epoch" class="chart small" />
        <canvas
          ref={boundary}
          class="square"
          data-testid="boundary"
          role="img"
          aria-label={
            regression
              ? 'The network’s output over the plane (orange negative, blue positive) with the data points'
              : 'The decision boundary: the network’s probability of the blue class over the plane, with the data points'
          }
        />
      </Panel>
      <p class="muted small">
        Loss:{' '}
        {regression
          ? 'squared error'
          : state.loss === 'bce'
            ? 'binary cross-entropy'
            : 'squared error'}
        {state.l2 > 0 ? ` + ${formatNumber(state.l2)}·½‖w‖²` : ''}
      </p>
    </section>
  );
}
