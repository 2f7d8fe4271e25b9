// The Digits view: train an MLP on the embedded MNIST sample, watch training, validation and
// smoothed validation loss and where early stopping stops, then draw digits and browse mistakes.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Choice, Panel, Select, Slider } from '../shared/controls';
import { LineChart } from '../shared/line-chart-view';
import { OPTIMIZER_LABELS } from '../shared/make-optimizer';
import { useWorker } from '../shared/use-worker';
import type { DigitsState } from '../state/app-state';
import {
  DIGIT_WIDTHS,
  LEARNING_RATES,
  MAX_DIGIT_LAYERS,
  OPTIMIZERS,
  WEIGHT_DECAYS,
} from '../state/options';
import { DrawPad } from './draw-pad';
import { MistakesPanel } from './mistakes-panel';
import { ProbabilityBars } from './probability-bars';
import type { DigitsReply, DigitsRequest, EpochReport, TrainingEnd } from './protocol';
import { endMessage, lossChart } from './report';

const numberChoices = (values: readonly number[]): Choice<number>[] =>
  values.map((value) => ({ value, label: String(value) }));

interface Loaded {
  testImages: Uint8Array;
  testLabels: Int32Array;
  trainCount: number;
  valCount: number;
}

export interface DigitsProps {
  state: DigitsState;
  seed: number;
  onChange: (patch: Partial<DigitsState>) => void;
}

export function DigitsView({ state, seed, onChange }: DigitsProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [run, setRun] = useState(0);
  const [running, setRunning] = useState(false);
  const [batch, setBatch] = useState<{
    epoch: number;
    batch: number;
    batches: number;
    loss: number;
    steps: number;
  } | null>(null);
  const [reports, setReports] = useState<EpochReport[]>([]);
  const [end, setEnd] = useState<TrainingEnd | null>(null);
  const [probabilities, setProbabilities] = useState<number[] | null>(null);
  const drawing = useRef<Float32Array | null>(null);
  const predictId = useRef(0);
  const runRef = useRef(0);

  const { handle, error, setError } = useWorker<DigitsRequest, DigitsReply>(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
    (m) => {
      switch (m.type) {
        case 'loaded':
          setLoaded(m);
          break;
        case 'batch':
          if (m.run === runRef.current) setBatch(m);
          break;
        case 'epoch':
          if (m.run !== runRef.current) return;
          setReports((r) => [...r, m.report]);
          predict(drawing.current);
          break;
        case 'end':
          if (m.run !== runRef.current) return;
          setEnd(m.end);
          setRunning(false);
          predict(drawing.current);
          break;
        case 'prediction':
          if (m.id === predictId.current) setProbabilities(m.probabilities);
          break;
        case 'error':
          setRunning(false);
          setError(m.message);
          break;
      }
    },
  );

  // The worker loads the data as soon as the view opens, with an untrained model to draw on.
  useEffect(() => {
    handle?.post({ type: 'reset', settings: state, seed });
  }, [handle]);

  const predict = (pixels: Float32Array | null) => {
    drawing.current = pixels;
    predictId.current += 1;
    if (pixels === null) setProbabilities(null);
    else handle?.post({ type: 'predict', pixels: pixels.slice(), id: predictId.current });
  };

  const train = () => {
    const next = run + 1;
    runRef.current = next;
    setRun(next);
    setRunning(true);
    setReports([]);
    setEnd(null);
    setBatch(null);
    setError(null);
    handle?.post({ type: 'train', settings: state, seed, run: next });
  };

  const chart = useMemo(() => lossChart(reports, end), [reports, end]);

  const last = reports[reports.length - 1];
  const test = end?.test ?? last?.test ?? null;
  const mistakes = test?.mistakes ?? [];
  const top = probabilities === null ? -1 : probabilities.indexOf(Math.max(...probabilities));
  const progress =
    batch === null
      ? 0
      : ((batch.epoch - 1) * batch.batches + batch.batch) / (state.maxEpochs * batch.batches);

  const setLayer = (i: number, width: number) =>
    onChange({ layers: state.layers.map((w, j) => (j === i ? width : w)) });

  return (
    <div class="split">
      <div>
        <Panel title="Network">
          <p class="small muted">
            784 inputs → {state.layers.length === 0 ? '' : `${state.layers.join(' → ')} ReLU → `}10
            logits
          </p>
          {state.layers.map((w, i) => (
            <Select
              key={i}
              label={`Hidden layer ${i + 1} units`}
              value={w}
              choices={numberChoices(DIGIT_WIDTHS)}
              onChange={(width) => setLayer(i, width)}
            />
          ))}
          <div class="row">
            <button
              type="button"
              disabled={state.layers.length >= MAX_DIGIT_LAYERS}
              onClick={() => onChange({ layers: [...state.layers, 32] })}
            >
              Add layer
            </button>
            <button
              type="button"
              disabled={state.layers.length === 0}
              onClick={() => onChange({ layers: state.layers.slice(0, -1) })}
            >
              Remove layer
            </button>
          </div>
          <Select
            label="Dropout"
            value={state.dropout}
            choices={numberChoices([0, 0.1, 0.2, 0.3, 0.4, 0.5])}
            onChange={(dropout) => onChange({ dropout })}
          />
        </Panel>
        <Panel title="Training">
          <Select
            label="Optimizer"
            value={state.optimizer}
            choices={OPTIMIZERS.map((o) => ({ value: o, label: OPTIMIZER_LABELS[o] }))}
            onChange={(optimizer) => onChange({ optimizer })}
          />
          <Select
            label="Learning rate"
            value={state.lr}
            choices={numberChoices(LEARNING_RATES)}
            onChange={(lr) => onChange({ lr })}
          />
          <Select
            label="Weight decay"
            value={state.weightDecay}
            choices={numberChoices(WEIGHT_DECAYS)}
            onChange={(weightDecay) => onChange({ weightDecay })}
          />
          <Slider
            label="Batch size"
            value={state.batchSize}
            min={16}
            max={256}
            step={16}
            onChange={(batchSize) => onChange({ batchSize })}
          />
          <Slider
            label="Epochs at most"
            value={state.maxEpochs}
            min={1}
            max={50}
            step={1}
            onChange={(maxEpochs) => onChange({ maxEpochs })}
          />
          <Slider
            label="Patience (epochs)"
            value={state.patience}
            min={1}
            max={10}
            step={1}
            onChange={(patience) => onChange({ patience })}
          />
          <Slider
            label="EMA smoothing α"
            value={state.smoothing}
            min={0}
            max={0.9}
            step={0.1}
            onChange={(smoothing) => onChange({ smoothing: Number(smoothing.toFixed(1)) })}
          />
          <div class="row">
            <button
              type="button"
              class="play"
              disabled={loaded === null}
              onClick={train}
              data-testid="train"
            >
              {running ? '↻ Restart' : '▶ Train'}
            </button>
            <button
              type="button"
              disabled={!running}
              onClick={() => handle?.post({ type: 'stop' })}
            >
              Stop
            </button>
          </div>
          <p class="small muted">
            {loaded === null
              ? 'Loading the MNIST sample…'
              : `${loaded.trainCount} training and ${loaded.valCount} validation digits (held out from the 10,000 of the sample), ${loaded.testLabels.length} test digits.`}
          </p>
        </Panel>
      </div>
      <div class="pictures">
        <div>
          <Panel title="Loss">
            <div
              class="progress"
              role="progressbar"
              aria-label="Training progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress * 100)}
            >
              <span class="progress-fill" style={{ width: `${Math.min(100, progress * 100)}%` }} />
            </div>
            <p class="stat small" data-testid="digits-progress" data-steps={batch?.steps ?? 0}>
              {batch === null
                ? running
                  ? 'Starting…'
                  : 'Press Train.'
                : `Epoch ${batch.epoch}, batch ${batch.batch} of ${batch.batches}, loss ${batch.loss.toFixed(3)} (${batch.steps} steps)`}
            </p>
            <LineChart
              spec={chart}
              label="Training, validation and smoothed validation loss by epoch, with the early-stopping epochs marked"
            />
            <p
              class="small"
              aria-live="polite"
              data-testid="early-stopping"
              data-epochs={reports.length}
            >
              {end !== null
                ? endMessage(end, reports, state)
                : last !== undefined
                  ? `Early stopping watches the validation loss smoothed by an EMA (α = ${state.smoothing}): best at epoch ${last.bestEpoch ?? '—'}, ${last.wait} of ${state.patience} epochs without improvement.`
                  : `Early stopping: stop once the smoothed validation loss has not improved for ${state.patience} epochs, then restore the best epoch.`}
            </p>
            {test !== null && (
              <p class="stat">
                Test accuracy{' '}
                <span class="big" data-testid="test-accuracy">
                  {(test.accuracy * 100).toFixed(1)}%
                </span>
                {last !== undefined &&
                  ` · validation accuracy ${(last.valAccuracy * 100).toFixed(1)}%`}
              </p>
            )}
          </Panel>
          <MistakesPanel mistakes={mistakes} images={loaded?.testImages ?? null} />
        </div>
        <Panel title="Draw a digit">
          <DrawPad onDigit={predict} />
          <ProbabilityBars probabilities={probabilities} />
          <p class="small muted">
            {probabilities === null
              ? 'The probabilities of each class appear as you draw.'
              : `The network says ${top}${end === null && reports.length === 0 ? ' (untrained: press Train first)' : ''}.`}
          </p>
          {error !== null && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </Panel>
      </div>
    </div>
  );
}
