// The transformed space: the points and the plane's grid lines in a hidden layer's coordinates.
import { useMemo } from 'preact/hooks';
import { choices } from '../shared/choices';
import { Panel, Select } from '../shared/controls';
import { useCanvas } from '../shared/use-canvas';
import type { ClassifyState } from '../state/app-state';
import { drawSpace } from './draw-space';
import type { ClassifyData, ClassifyFrame } from './protocol';
import { SPACE_LINES } from './trainer';

/** The transformed space: how one hidden layer (two of its units) sees the points. */
export function SpacePanel(props: {
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
