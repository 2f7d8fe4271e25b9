// The Classify view: TensorFlow Playground's controls, the network with a heatmap per unit, the
// decision boundary, loss curves and the transformed space. Training runs in ./worker.ts.
import { useEffect, useState } from 'preact/hooks';
import { choices } from '../shared/choices';
import { Select } from '../shared/controls';
import { OPTIMIZER_LABELS } from '../shared/make-optimizer';
import { useWorker } from '../shared/use-worker';
import type { ClassifyState } from '../state/app-state';
import { ACTIVATIONS, L2_RATES, LEARNING_RATES, OPTIMIZERS } from '../state/options';
import { DataColumn } from './data-column';
import { NetworkColumn } from './network-column';
import { OutputColumn } from './output-column';
import type { ClassifyData, ClassifyFrame, ClassifyReply, ClassifyRequest } from './protocol';
import { SpacePanel } from './space-panel';

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
