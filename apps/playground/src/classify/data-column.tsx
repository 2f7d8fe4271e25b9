import { choices } from '../shared/choices';
import { Checkbox, Panel, Select, Slider } from '../shared/controls';
import type { ClassifyState } from '../state/app-state';
import {
  CLASSIFY_DATASETS,
  type ClassifyDataset,
  FEATURES,
  REGRESSION_DATASETS,
} from '../state/options';
import { FEATURE_LABELS } from './features';

export const DATASET_LABELS: Record<ClassifyDataset, string> = {
  circles: 'Circle',
  xor: 'XOR',
  gaussians: 'Gaussians',
  spiral: 'Spiral',
  linear: 'Linear',
  moons: 'Moons',
  plane: 'Plane',
  multiGaussian: 'Multi-Gaussian',
};

export function DataColumn(props: {
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
