// The Perceptron view: Rosenblatt's rule animated update by update; converging on separable
// data, never settling on XOR, and a button that adds a hidden layer and solves it.
import { useEffect, useState } from 'preact/hooks';
import { Panel, Select, Slider } from '../shared/controls';
import { useCanvas } from '../shared/use-canvas';
import { useWorker } from '../shared/use-worker';
import type { PerceptronState } from '../state/app-state';
import { drawPerceptron } from './draw-perceptron';
import type { HiddenLayerSolution, PerceptronRun } from './logic';
import type { PerceptronReply, PerceptronRequest } from './protocol';

const fmt = (v: number) => (Math.abs(v) < 1e-9 ? '0' : Number(v.toFixed(2)).toString());
const vec = (xs: readonly number[]) => `(${xs.map(fmt).join(', ')})`;

export interface PerceptronProps {
  state: PerceptronState;
  seed: number;
  onChange: (patch: Partial<PerceptronState>) => void;
  onSeed: (seed: number) => void;
}

export function PerceptronView({ state, seed, onChange, onSeed }: PerceptronProps) {
  const [run, setRun] = useState<PerceptronRun | null>(null);
  const [shown, setShown] = useState(0);
  const [playing, setPlaying] = useState(true);
  const [solution, setSolution] = useState<HiddenLayerSolution | null>(null);
  const [solving, setSolving] = useState(false);
  const { handle, error, setError } = useWorker<PerceptronRequest, PerceptronReply>(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
    (m) => {
      if (m.type === 'run') {
        setRun(m.run);
        setShown(0);
      } else if (m.type === 'hidden') {
        setSolution(m.solution);
        setSolving(false);
      } else setError(m.message);
    },
  );

  useEffect(() => {
    setRun(null);
    setSolution(null);
    setPlaying(true);
    handle?.post({ type: 'run', dataset: state.dataset, seed });
  }, [handle, state.dataset, seed]);

  const total = run?.updates.length ?? 0;
  const done = run !== null && shown >= total;
  useEffect(() => {
    if (!playing || run === null || done) return;
    const timer = setInterval(() => setShown((s) => Math.min(s + 1, total)), 1000 / state.speed);
    return () => clearInterval(timer);
  }, [playing, run, done, state.speed, total]);

  const update = shown > 0 ? (run?.updates[shown - 1] ?? null) : null;
  const canvas = useCanvas(
    (ctx, w) =>
      drawPerceptron(ctx, w, {
        points: run?.points ?? new Float32Array(0),
        targets: run?.targets ?? new Float32Array(0),
        update,
        solution,
      }),
    [run, update, solution],
  );

  let status = 'Running…';
  if (run !== null && done) {
    status = run.converged
      ? `Converged after ${run.epochs} epoch${run.epochs === 1 ? '' : 's'} and ${run.totalUpdates} update${run.totalUpdates === 1 ? '' : 's'}: every point is on its side of the line.`
      : `Not converged after ${run.epochs} epochs and ${run.totalUpdates} updates: no line separates these classes, so some point is always wrong.`;
  } else if (run !== null) {
    status = `Update ${shown} of ${total}${run.totalUpdates > total ? ` (of ${run.totalUpdates})` : ''}`;
  }

  return (
    <div class="split three">
      <div>
        <Panel title="Perceptron">
          <Select
            label="Data set"
            value={state.dataset}
            choices={[
              { value: 'linear', label: 'Linearly separable' },
              { value: 'xor', label: 'XOR' },
            ]}
            onChange={(dataset) => onChange({ dataset })}
          />
          <Slider
            label="Speed (updates per second)"
            value={state.speed}
            min={1}
            max={60}
            step={1}
            onChange={(speed) => onChange({ speed })}
          />
          <div class="row">
            <button
              type="button"
              class="play"
              aria-pressed={playing}
              onClick={() => setPlaying(!playing)}
              disabled={done}
            >
              {playing && !done ? '❚❚ Pause' : '▶ Play'}
            </button>
            <button
              type="button"
              onClick={() => setShown((s) => Math.min(s + 1, total))}
              disabled={done}
            >
              Step
            </button>
            <button type="button" onClick={() => setShown(total)} disabled={done}>
              To the end
            </button>
            <button
              type="button"
              onClick={() => {
                setShown(0);
                setSolution(null);
                setPlaying(true);
              }}
            >
              Restart
            </button>
            <button type="button" onClick={() => onSeed(seed + 1)}>
              New points
            </button>
          </div>
        </Panel>
      </div>
      <Panel title="Boundary" class="boundary-panel">
        <canvas
          ref={canvas}
          class="square"
          data-testid="perceptron-canvas"
          role="img"
          aria-label="The points, the perceptron's boundary line and weight vector, and the example behind the current update"
        />
        <p class="legend">
          Ringed in red: the misclassified example behind this update. The arrow is w; it points
          into the blue (class 1) half-plane.
        </p>
      </Panel>
      <div>
        <Panel title="The rule">
          <p class="small">
            Output y = 1 if w·x + b ≥ 0, else 0. For each example with target t, the error is e = t
            − y; when it is not 0, w ← w + e·x and b ← b + e. The weights start at zero.
          </p>
          <div class="update" aria-live="polite" data-testid="update">
            {update === null
              ? 'w = (0, 0), b = 0: no line yet.'
              : `epoch ${update.epoch}, update ${update.updates}\nexample x = ${vec(update.input)}, target t = ${update.target}\noutput y = ${update.output}, error e = ${update.error > 0 ? '+1' : '−1'}\nw ← ${vec(update.weight)}, b ← ${fmt(update.bias)}`}
          </div>
          <p class="stat" data-testid="perceptron-status" role="status">
            {status}
          </p>
          {run !== null && done && !run.converged && (
            <div>
              <button
                type="button"
                disabled={solving || solution !== null}
                onClick={() => {
                  setSolving(true);
                  handle?.post({ type: 'hidden', dataset: state.dataset, seed });
                }}
              >
                {solving ? 'Training…' : 'Add a hidden layer'}
              </button>
              {solution !== null && (
                <p class="small" data-testid="hidden-result">
                  A hidden layer of {solution.hiddenUnits} tanh units, trained with Adam on
                  cross-entropy, classifies {Math.round(solution.accuracy * 100)}% of the points
                  correctly: its boundary bends where a line cannot.
                </p>
              )}
            </div>
          )}
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
