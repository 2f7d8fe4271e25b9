// The Classify view's network: the layer and unit editor above the diagram of units and links.
import { useMemo } from 'preact/hooks';
import { css, NEGATIVE, POSITIVE } from '../shared/colors';
import { useCanvas } from '../shared/use-canvas';
import type { ClassifyState } from '../state/app-state';
import { MAX_HIDDEN_LAYERS, MAX_UNITS } from '../state/options';
import { drawNetwork } from './draw-network';
import { featuresOf } from './features';
import { gridPoints } from './grid';
import type { ClassifyFrame } from './protocol';
import { UNIT_SIZE } from './trainer';

export function NetworkColumn(props: {
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
        // Tall enough for the widest column, so small networks leave no empty band.
        style={{
          height: `${Math.max(220, 40 + 56 * Math.max(state.features.length, ...layers))}px`,
        }}
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
