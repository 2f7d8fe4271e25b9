// The Classify view: TensorFlow Playground's controls, the network with a heatmap per unit, the
// decision boundary, loss curves and the transformed space. Training runs in ./worker.ts.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { css, NEGATIVE, POSITIVE, SERIES } from '../shared/colors';
import { Checkbox, type Choice, Panel, Select, Slider } from '../shared/controls';
import { LineChart } from '../shared/line-chart-view';
import { OPTIMIZER_LABELS } from '../shared/make-optimizer';
import { formatNumber } from '../shared/scale';
import { useCanvas } from '../shared/use-canvas';
import { useWorker } from '../shared/use-worker';
import type { ClassifyState } from '../state/app-state';
import {
  ACTIVATIONS,
  CLASSIFY_DATASETS,
  type ClassifyDataset,
  FEATURES,
  L2_RATES,
  LEARNING_RATES,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  OPTIMIZERS,
  REGRESSION_DATASETS,
} from '../state/options';
import { drawBoundary } from './draw-boundary';
import { drawNetwork } from './draw-network';
import { drawSpace } from './draw-space';
import { FEATURE_LABELS, featuresOf } from './features';
import { gridPoints } from './grid';
import type { ClassifyData, ClassifyFrame, ClassifyReply, ClassifyRequest } from './protocol';
import { SPACE_LINES, UNIT_SIZE } from './trainer';

const DATASET_LABELS: Record<ClassifyDataset, string> = {
  circles: 'Circle',
  xor: 'XOR',
  gaussians: 'Gaussians',
  spiral: 'Spiral',
  linear: 'Linear',
  moons: 'Moons',
  plane: 'Plane',
  multiGaussian: 'Multi-Gaussian',
};

const choices = <T extends string | number>(
  values: readonly T[],
  label: (v: T) => string = String,
): Choice<T>[] => values.map((value) => ({ value, label: label(value) }));

export interface ClassifyProps {
  state: ClassifyState;
  seed: number;
  onChange: (patch: Partial<ClassifyState>) => void;
  onSeed: (seed: number) => void;
}

export function ClassifyView({ state, seed, onChange, onSeed }: ClassifyProps) {
  const [frame, setFrame] = useState<ClassifyFrame | null>(null);
  const [data, setData] = useState<ClassifyData | null>(null);
  const [playing, setPlaying] = useState(false);
  const [showTest, setShowTest] = useState(false);
  const { handle, error, setError } = useWorker<ClassifyRequest, ClassifyReply>(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
    (m) => {
      if (m.type === 'frame') setFrame(m.frame);
      else if (m.type === 'data') setData(m.data);
      else {
        setPlaying(false);
        setError(m.message);
      }
    },
  );
  const regression = state.problem === 'regression';

  // Anything but the transformed-space choice starts a new run; that choice only redraws.
  const { spaceLayer, spaceUnits, ...training } = state;
  const trainingKey = JSON.stringify({ training, seed });
  useEffect(() => {
    if (handle === null) return;
    setError(null);
    handle.post({ type: 'configure', state, seed });
  }, [handle, trainingKey]);
  useEffect(() => {
    handle?.post({ type: 'space', layer: spaceLayer, units: spaceUnits });
  }, [handle, spaceLayer, spaceUnits[0], spaceUnits[1]]);

  const toggle = () => {
    handle?.post({ type: playing ? 'pause' : 'play' });
    setPlaying(!playing);
  };

  return (
    <div class="classify">
      <div class="toolbar" role="toolbar" aria-label="Training">
        <button type="button" class="play" onClick={toggle} aria-pressed={playing}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button
          type="button"
          onClick={() => {
            setPlaying(false);
            handle?.post({ type: 'step' });
          }}
        >
          Step
        </button>
        <button
          type="button"
          onClick={() => {
            setPlaying(false);
            handle?.post({ type: 'pause' });
            handle?.post({ type: 'reset' });
          }}
        >
          Reset
        </button>
        <div class="epoch" aria-live="off">
          Epoch <output data-testid="epoch">{String(frame?.epoch ?? 0).padStart(4, '0')}</output>
        </div>
        <Select
          label="Learning rate"
          value={state.lr}
          choices={choices(LEARNING_RATES)}
          onChange={(lr) => onChange({ lr })}
        />
        <Select
          label="Optimizer"
          value={state.optimizer}
          choices={choices(OPTIMIZERS, (o) => OPTIMIZER_LABELS[o])}
          onChange={(optimizer) => onChange({ optimizer })}
        />
        <Select
          label="Activation"
          value={state.activation}
          choices={choices(ACTIVATIONS, (a) =>
            a === 'relu' ? 'ReLU' : a[0]!.toUpperCase() + a.slice(1),
          )}
          onChange={(activation) => onChange({ activation })}
        />
        <Select
          label="Problem type"
          value={state.problem}
          choices={[
            { value: 'classification', label: 'Classification' },
            { value: 'regression', label: 'Regression' },
          ]}
          onChange={(problem) =>
            onChange({ problem, dataset: problem === 'regression' ? 'plane' : 'circles' })
          }
        />
        {!regression && (
          <Select
            label="Loss"
            value={state.loss}
            choices={[
              { value: 'bce', label: 'Sigmoid + cross-entropy' },
              { value: 'mse', label: 'Sigmoid + squared error' },
            ]}
            onChange={(loss) => onChange({ loss })}
          />
        )}
        <Select
          label="L2 rate"
          value={state.l2}
          choices={choices(L2_RATES)}
          onChange={(l2) => onChange({ l2 })}
        />
        <Select
          label="Dropout"
          value={state.dropout}
          choices={choices([0, 0.1, 0.2, 0.3, 0.4, 0.5])}
          onChange={(dropout) => onChange({ dropout })}
        />
      </div>
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="classify-grid">
        <DataColumn
          state={state}
          seed={seed}
          onChange={onChange}
          onSeed={onSeed}
          showTest={showTest}
          setShowTest={setShowTest}
        />
        <div class="middle">
          <NetworkColumn state={state} frame={frame} onChange={onChange} />
          <SpacePanel state={state} frame={frame} data={data} onChange={onChange} />
        </div>
        <OutputColumn state={state} frame={frame} data={data} showTest={showTest} />
      </div>
    </div>
  );
}

function DataColumn(props: {
  state: ClassifyState;
  seed: number;
  onChange: (patch: Partial<ClassifyState>) => void;
  onSeed: (seed: number) => void;
  showTest: boolean;
  setShowTest: (v: boolean) => void;
}) {
  const { state, onChange } = props;
  const sets = state.problem === 'regression' ? REGRESSION_DATASETS : CLASSIFY_DATASETS;
  return (
    <section class="column" aria-label="Data">
      <Panel title="Data">
        <Select
          label="Data set"
          value={state.dataset}
          choices={choices(sets, (d) => DATASET_LABELS[d])}
          onChange={(dataset) => onChange({ dataset })}
        />
        <Slider
          label="Ratio of training to test data"
          value={state.trainRatio}
          min={0.1}
          max={0.9}
          step={0.1}
          format={(v) => `${Math.round(v * 100)}%`}
          onChange={(v) => onChange({ trainRatio: Number(v.toFixed(1)) })}
        />
        <Slider
          label="Noise"
          value={state.noise}
          min={0}
          max={0.5}
          step={0.05}
          format={(v) => `${Math.round(v * 100)}%`}
          onChange={(v) => onChange({ noise: Number(v.toFixed(2)) })}
        />
        <Slider
          label="Batch size"
          value={state.batchSize}
          min={1}
          max={30}
          step={1}
          onChange={(batchSize) => onChange({ batchSize })}
        />
        <div class="row">
          <button type="button" onClick={() => props.onSeed(props.seed + 1)}>
            Regenerate
          </button>
          <span class="muted">seed {props.seed}</span>
        </div>
        <Checkbox label="Show test data" checked={props.showTest} onChange={props.setShowTest} />
      </Panel>
      <Panel title="Features">
        <p class="muted">Which properties of a point the network sees.</p>
        <div class="features">
          {FEATURES.map((f) => (
            <Checkbox
              key={f}
              label={FEATURE_LABELS[f]}
              checked={state.features.includes(f)}
              onChange={(on) => {
                const features = FEATURES.filter((g) =>
                  g === f ? on : state.features.includes(g),
                );
                if (features.length > 0) onChange({ features });
              }}
            />
          ))}
        </div>
      </Panel>
    </section>
  );
}

function NetworkColumn(props: {
  state: ClassifyState;
  frame: ClassifyFrame | null;
  onChange: (patch: Partial<ClassifyState>) => void;
}) {
  const { state, frame, onChange } = props;
  const layers = state.layers;
  const inputMaps = useMemo(() => {
    const x = featuresOf(gridPoints(UNIT_SIZE), state.features);
    const k = state.features.length;
    const n = UNIT_SIZE * UNIT_SIZE;
    return state.features.map((_, j) => {
      const map = new Float32Array(n);
      let largest = 1e-6;
      for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(x.data[i * k + j]!));
      for (let i = 0; i < n; i++) map[i] = x.data[i * k + j]! / largest;
      return map;
    });
  }, [state.features.join()]);

  const columns = useMemo(() => {
    const n = UNIT_SIZE * UNIT_SIZE;
    const hidden = layers.map((units, l) => ({
      label: `Layer ${l + 1}`,
      maps: Array.from({ length: units }, (_, u) => {
        const all = frame?.units[l];
        return all !== undefined && all.length === units * n
          ? all.subarray(u * n, (u + 1) * n)
          : new Float32Array(n);
      }),
    }));
    return [
      { label: 'Input', maps: inputMaps },
      ...hidden,
      { label: 'Output', maps: [downsample(frame?.output, frame?.outputSize ?? 0, UNIT_SIZE)] },
    ];
  }, [frame, inputMaps, layers.join()]);

  const ref = useCanvas(
    (ctx, w, h) =>
      drawNetwork(ctx, w, h, { columns, mapSize: UNIT_SIZE, weights: frame?.weights ?? [] }),
    [columns, frame],
  );

  const setUnits = (l: number, units: number) =>
    onChange({ layers: layers.map((u, i) => (i === l ? units : u)) });

  return (
    <section class="column network" aria-label="Network">
      <div class="layer-editor">
        <span class="muted">
          {layers.length} hidden layer{layers.length === 1 ? '' : 's'}
        </span>
        <button
          type="button"
          aria-label="Add a hidden layer"
          disabled={layers.length >= MAX_HIDDEN_LAYERS}
          onClick={() => onChange({ layers: [...layers, 2] })}
        >
          +
        </button>
        <button
          type="button"
          aria-label="Remove the last hidden layer"
          disabled={layers.length === 0}
          onClick={() => onChange({ layers: layers.slice(0, -1) })}
        >
          −
        </button>
      </div>
      <div class="unit-editor" style={{ gridTemplateColumns: `repeat(${layers.length + 2}, 1fr)` }}>
        <span />
        {layers.map((units, l) => (
          <span key={l} class="unit-buttons">
            <button
              type="button"
              aria-label={`Add a unit to layer ${l + 1}`}
              disabled={units >= MAX_UNITS}
              onClick={() => setUnits(l, units + 1)}
            >
              +
            </button>
            <button
              type="button"
              aria-label={`Remove a unit from layer ${l + 1}`}
              disabled={units <= 1}
              onClick={() => setUnits(l, units - 1)}
            >
              −
            </button>
            <span class="muted">{units}</span>
          </span>
        ))}
        <span />
      </div>
      <canvas
        ref={ref}
        class="network-canvas"
        data-testid="network"
        role="img"
        aria-label={`Network diagram: ${state.features.length} inputs, hidden layers ${layers.join(', ') || 'none'}, one output; each unit shows its output over the plane, links are coloured by the sign of the weight and as thick as it is large.`}
      />
      <p class="legend">
        <span class="swatch" style={{ background: css(NEGATIVE) }} /> negative
        <span class="swatch" style={{ background: css(POSITIVE) }} /> positive (weights and
        activations)
      </p>
    </section>
  );
}

/** The output heatmap at the unit thumbnails' resolution (nearest sample). */
function downsample(values: Float32Array | undefined, size: number, to: number): Float32Array {
  const out = new Float32Array(to * to);
  if (values === undefined || size === 0) return out;
  for (let r = 0; r < to; r++) {
    for (let c = 0; c < to; c++) {
      const sr = Math.floor(((r + 0.5) / to) * size);
      const sc = Math.floor(((c + 0.5) / to) * size);
      out[r * to + c] = values[sr * size + sc]!;
    }
  }
  return out;
}

function OutputColumn(props: {
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

/** The transformed space: how one hidden layer (two of its units) sees the points. */
function SpacePanel(props: {
  state: ClassifyState;
  frame: ClassifyFrame | null;
  data: ClassifyData | null;
  onChange: (patch: Partial<ClassifyState>) => void;
}) {
  const { state, frame, data, onChange } = props;
  const regression = state.problem === 'regression';
  const allTargets = useMemo(() => {
    if (data === null) return new Float32Array(0);
    const t = new Float32Array(data.trainTargets.length + data.testTargets.length);
    t.set(data.trainTargets);
    t.set(data.testTargets, data.trainTargets.length);
    return t;
  }, [data]);
  const [ua, ub] = state.spaceUnits;
  const space = useCanvas(
    (ctx, w) => {
      if (frame?.space == null || frame.space.points.length !== 2 * allTargets.length) {
        ctx.clearRect(0, 0, w, w);
        return;
      }
      drawSpace(ctx, w, {
        points: frame.space.points,
        targets: allTargets,
        lines: frame.space.lines,
        lineCount: SPACE_LINES.count,
        lineSamples: SPACE_LINES.samples,
        regression,
        xLabel: `unit ${ua + 1}`,
        yLabel: (state.layers[state.spaceLayer - 1] ?? 1) > 1 ? `unit ${ub + 1}` : '—',
      });
    },
    [frame, allTargets, regression, ua, ub],
  );
  const unitsInLayer = state.layers[state.spaceLayer - 1] ?? 0;
  const unitChoices = choices(
    Array.from({ length: unitsInLayer }, (_, u) => u),
    (u) => `Unit ${u + 1}`,
  );
  return (
    <Panel title="Transformed space">
      {state.layers.length === 0 ? (
        <p class="muted">Add a hidden layer to see how it moves the points.</p>
      ) : (
        <div class="space-body">
          <div>
            <p class="muted">
              The points and the plane’s grid lines as hidden layer {state.spaceLayer} sees them:
              each layer bends and stretches the plane until the last one can split it with a line.
            </p>
            <div class="row">
              <Select
                label="Layer"
                value={state.spaceLayer}
                choices={choices(
                  state.layers.map((_, l) => l + 1),
                  (l) => `Layer ${l}`,
                )}
                onChange={(spaceLayer) => onChange({ spaceLayer, spaceUnits: [0, 1] })}
              />
              <Select
                label="Horizontal"
                value={ua}
                choices={unitChoices}
                onChange={(u) => onChange({ spaceUnits: [u, ub] })}
              />
              {unitsInLayer > 1 && (
                <Select
                  label="Vertical"
                  value={ub}
                  choices={unitChoices}
                  onChange={(u) => onChange({ spaceUnits: [ua, u] })}
                />
              )}
            </div>
          </div>
          <canvas
            ref={space}
            class="square"
            data-testid="space"
            role="img"
            aria-label="The data in the chosen hidden layer's coordinates"
          />
        </div>
      )}
    </Panel>
  );
}
