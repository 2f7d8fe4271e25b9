// The Optimizers view: pick a surface and a start (click the map), and watch @nabla/optim's
// optimizers and Newton's method race downhill, with their losses step by step.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Checkbox, Panel, Select, Slider } from '../shared/controls';
import type { Series } from '../shared/line-chart';
import { LineChart } from '../shared/line-chart-view';
import { OPTIMIZER_LABELS } from '../shared/make-optimizer';
import { formatNumber } from '../shared/scale';
import { useCanvas } from '../shared/use-canvas';
import { useWorker } from '../shared/use-worker';
import type { OptimizersState } from '../state/app-state';
import { RACERS, type Racer, SURFACES } from '../state/options';
import { contourImage, drawRace, fromPixel, RACER_COLORS } from './draw-race';
import type { OptimizersReply, OptimizersRequest } from './protocol';
import type { Lap } from './race';
import { surface } from './surfaces';

const GRID = 220;
/** The race takes about this long to replay, whatever the number of steps. */
const REPLAY_MS = 4000;

const racerLabel = (r: Racer) => (r === 'newton' ? 'Newton' : OPTIMIZER_LABELS[r]);
const round = (v: number) => Math.round(v * 1000) / 1000;

export interface OptimizersProps {
  state: OptimizersState;
  onChange: (patch: Partial<OptimizersState>) => void;
}

export function OptimizersView({ state, onChange }: OptimizersProps) {
  const s = useMemo(
    () => surface(state.surface, state.condition),
    [state.surface, state.condition],
  );
  const start = state.start ?? s.start;
  const [laps, setLaps] = useState<Lap[]>([]);
  const [grid, setGrid] = useState<{ values: Float64Array; size: number; key: string } | null>(
    null,
  );
  const [step, setStep] = useState(0);
  const [runId, setRunId] = useState(0);
  const { handle, error, setError } = useWorker<OptimizersRequest, OptimizersReply>(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
    (m) => {
      if (m.type === 'error') {
        setError(m.message);
        return;
      }
      setLaps(m.laps);
      setGrid({ values: m.grid, size: m.gridSize, key: m.key });
      setStep(0);
      setRunId((id) => id + 1);
    },
  );

  const request = JSON.stringify([state, start]);
  useEffect(() => {
    if (handle === null) return;
    setError(null);
    // Old paths from another start would mislead while the new race is computed.
    setLaps([]);
    setStep(0);
    handle.post({
      type: 'race',
      surface: state.surface,
      condition: state.condition,
      start,
      racers: state.racers,
      settings: {
        lr: 10 ** state.lrLog,
        adaptiveLr: 10 ** state.adaptiveLrLog,
        momentum: state.momentum,
        steps: state.steps,
      },
      gridSize: GRID,
    });
  }, [handle, request]);

  // Replay: advance the step counter so the whole race takes REPLAY_MS.
  const startedAt = useRef(0);
  useEffect(() => {
    if (laps.length === 0) return;
    startedAt.current = performance.now();
    let frame = 0;
    const tick = () => {
      const t = Math.min(1, (performance.now() - startedAt.current) / REPLAY_MS);
      setStep(Math.round(t * state.steps));
      if (t < 1) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [runId]);

  const background = useMemo(
    () => (grid === null ? null : contourImage(grid.values, grid.size, 600)),
    [grid],
  );
  const canvas = useCanvas(
    (ctx, w) =>
      drawRace(
        ctx,
        w,
        s,
        grid?.key === `${s.name}:${state.condition}` ? background : null,
        laps,
        step,
        start,
      ),
    [s, background, laps, step, start[0], start[1]],
  );

  const chart = useMemo(() => {
    const gap = s.floor !== null;
    const series: Series[] = laps.map((lap) => {
      const n = Math.min(step + 1, lap.losses.length);
      const ys = Array.from(lap.losses.subarray(0, n), (v) =>
        gap ? Math.max(v - s.floor!, 1e-12) : v,
      );
      return { label: racerLabel(lap.racer), color: RACER_COLORS[lap.racer]!, ys };
    });
    return { series, xLabel: 'step', logY: gap, xMax: state.steps };
  }, [laps, step, s, state.steps]);

  const pick = (e: MouseEvent) => {
    const el = e.currentTarget as HTMLCanvasElement;
    const rect = el.getBoundingClientRect();
    const [x, y] = fromPixel(s, e.clientX - rect.left, e.clientY - rect.top, rect.width);
    onChange({ start: [round(x), round(y)] });
  };

  return (
    <div class="split">
      <div>
        <Panel title="Surface">
          <Select
            label="Loss surface"
            value={state.surface}
            choices={SURFACES.map((name) => ({ value: name, label: surface(name, 1).label }))}
            onChange={(name) => {
              const next = surface(name, state.condition);
              onChange({
                surface: name,
                start: null,
                lrLog: next.lrLog,
                adaptiveLrLog: next.adaptiveLrLog,
              });
            }}
          />
          {state.surface === 'quadratic' && (
            <Slider
              label="Condition number κ"
              value={state.condition}
              min={1}
              max={100}
              step={1}
              onChange={(condition) => onChange({ condition })}
            />
          )}
          <p class="small muted">{s.note}</p>
          <Slider
            label="Start x"
            value={start[0]}
            min={s.x[0]}
            max={s.x[1]}
            step={0.05}
            format={(v) => v.toFixed(2)}
            onChange={(x) => onChange({ start: [round(x), start[1]] })}
          />
          <Slider
            label="Start y"
            value={start[1]}
            min={s.y[0]}
            max={s.y[1]}
            step={0.05}
            format={(v) => v.toFixed(2)}
            onChange={(y) => onChange({ start: [start[0], round(y)] })}
          />
        </Panel>
        <Panel title="Optimizers">
          <div class="racers">
            {RACERS.map((r) => (
              <Checkbox
                key={r}
                label={
                  <>
                    <span class="racer-swatch" style={{ background: RACER_COLORS[r] }} />{' '}
                    {racerLabel(r)}
                  </>
                }
                checked={state.racers.includes(r)}
                onChange={(on) =>
                  onChange({
                    racers: RACERS.filter((q) => (q === r ? on : state.racers.includes(q))),
                  })
                }
              />
            ))}
          </div>
          <Slider
            label="Learning rate: SGD, momentum, Nesterov"
            value={state.lrLog}
            min={-5}
            max={1}
            step={0.25}
            format={(v) => formatNumber(10 ** v, 2)}
            onChange={(lrLog) => onChange({ lrLog })}
          />
          <Slider
            label="Learning rate: AdaGrad, RMSprop, Adam"
            value={state.adaptiveLrLog}
            min={-5}
            max={1}
            step={0.25}
            format={(v) => formatNumber(10 ** v, 2)}
            onChange={(adaptiveLrLog) => onChange({ adaptiveLrLog })}
          />
          <Slider
            label="Momentum μ"
            value={state.momentum}
            min={0}
            max={0.99}
            step={0.01}
            onChange={(momentum) => onChange({ momentum: Number(momentum.toFixed(2)) })}
          />
          <Slider
            label="Steps"
            value={state.steps}
            min={10}
            max={1000}
            step={10}
            onChange={(steps) => onChange({ steps })}
          />
          <p class="small muted">
            Newton’s method takes full steps −H⁻¹∇f, with the Hessian H from autograd.
          </p>
          <div class="row">
            <button type="button" onClick={() => setRunId((id) => id + 1)}>
              Replay
            </button>
          </div>
        </Panel>
      </div>
      <div class="pictures">
        <Panel title="Paths">
          <p class="small muted">
            Click the map to start the race from there. ★ marks the minimum.
          </p>
          <canvas
            ref={canvas}
            class="square"
            data-testid="race"
            role="img"
            aria-label={`Contours of the ${s.label} surface and each optimizer's path from (${start[0]}, ${start[1]})`}
            onClick={pick}
          />
          <p class="stat">
            Step <output data-testid="race-step">{step}</output> of {state.steps}
          </p>
        </Panel>
        <div>
          <Panel title={s.floor !== null ? 'Loss above the minimum' : 'Loss'}>
            <LineChart spec={chart} label="Loss against step for each optimizer" />
          </Panel>
          <Panel title="Where they are">
            <table class="results" data-testid="results">
              <thead>
                <tr>
                  <th scope="col">method</th>
                  <th scope="col">loss</th>
                  <th scope="col">x</th>
                  <th scope="col">y</th>
                </tr>
              </thead>
              <tbody>
                {laps.map((lap) => {
                  const i = Math.min(step, lap.losses.length - 1);
                  return (
                    <tr
                      key={lap.racer}
                      data-racer={lap.racer}
                      data-start={lap.losses[0]}
                      data-final={lap.losses[lap.losses.length - 1]}
                    >
                      <td>
                        <span
                          class="racer-swatch"
                          style={{ background: RACER_COLORS[lap.racer] }}
                        />{' '}
                        {racerLabel(lap.racer)}
                      </td>
                      <td>{formatNumber(lap.losses[i]!, 4)}</td>
                      <td>{formatNumber(lap.path[2 * i]!, 3)}</td>
                      <td>
                        {formatNumber(lap.path[2 * i + 1]!, 3)}
                        {lap.stopped !== null && i === lap.losses.length - 1
                          ? ` (${lap.stopped})`
                          : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Panel>
          {error !== null && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
