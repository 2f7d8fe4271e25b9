// The race: every chosen method descends the same surface from the same start. The gradient
// methods are @nabla/optim's classes stepping a 2-element parameter; Newton's method takes the
// gradient and the Hessian from @nabla/autograd and solves the 2×2 system.
import { grad, hessian, noGrad, slice, sum, type Variable, variable } from '@nabla/autograd';
import { Tensor } from '@nabla/tensor';
import { makeOptimizer } from '../shared/make-optimizer';
import type { Racer } from '../state/options';
import type { Surface } from './surfaces';

export interface RaceSettings {
  lr: number;
  adaptiveLr: number;
  momentum: number;
  steps: number;
}

export interface Lap {
  racer: Racer;
  /** Positions x0, y0, x1, y1, …: the start and one per step taken. */
  path: Float64Array;
  /** f at each position. */
  losses: Float64Array;
  /** Why it stopped early: it left the map's neighbourhood or hit a singular Hessian. */
  stopped: string | null;
}

/** Positions further than this from the map count as diverged. */
const FAR = 1e4;

/** f at a point given as a [2] Variable: the scalar the racers minimise. */
export function objective(s: Surface, p: Variable): Variable {
  const x = slice(p, { start: 0, end: 1 });
  const y = slice(p, { start: 1, end: 2 });
  return sum(s.f(x, y));
}

function recorder(steps: number) {
  const path = new Float64Array(2 * (steps + 1));
  const losses = new Float64Array(steps + 1);
  let n = 0;
  return {
    push(x: number, y: number, loss: number) {
      path[2 * n] = x;
      path[2 * n + 1] = y;
      losses[n] = loss;
      n += 1;
    },
    lap(racer: Racer, stopped: string | null): Lap {
      return { racer, path: path.slice(0, 2 * n), losses: losses.slice(0, n), stopped };
    },
  };
}

function gradientRacer(
  racer: Exclude<Racer, 'newton'>,
  s: Surface,
  start: [number, number],
  o: RaceSettings,
): Lap {
  const p = variable(start, { requiresGrad: true, dtype: 'float64' });
  const adaptive = racer === 'adagrad' || racer === 'rmsprop' || racer === 'adam';
  const optimizer = makeOptimizer(racer, [p], {
    lr: adaptive ? o.adaptiveLr : o.lr,
    momentum: o.momentum,
  });
  const rec = recorder(o.steps);
  for (let step = 0; ; step++) {
    optimizer.zeroGrad();
    const loss = objective(s, p);
    const [x, y] = p.data.data as Float64Array;
    rec.push(x!, y!, loss.item());
    if (!Number.isFinite(loss.item()) || Math.hypot(x!, y!) > FAR)
      return rec.lap(racer, 'diverged');
    if (step === o.steps) return rec.lap(racer, null);
    loss.backward();
    optimizer.step();
  }
}

function newtonRacer(s: Surface, start: [number, number], steps: number): Lap {
  const f = (p: Variable) => objective(s, p);
  const rec = recorder(steps);
  let p = new Tensor(Float64Array.from(start), [2]);
  for (let step = 0; ; step++) {
    const [x, y] = p.data as Float64Array;
    const loss = noGrad(() => f(variable(p)).item());
    rec.push(x!, y!, loss);
    if (!Number.isFinite(loss) || Math.hypot(x!, y!) > FAR) return rec.lap('newton', 'diverged');
    if (step === steps) return rec.lap('newton', null);
    const g = grad(f)(p).data.data;
    const h = hessian(f, p).data;
    const [a, b, c, d] = [h[0]!, h[1]!, h[2]!, h[3]!];
    const det = a * d - b * c;
    if (Math.abs(det) < 1e-12) return rec.lap('newton', 'singular Hessian');
    // Δ = H⁻¹ g for the 2×2 Hessian [[a, b], [c, d]].
    const dx = (d * g[0]! - b * g[1]!) / det;
    const dy = (a * g[1]! - c * g[0]!) / det;
    // At a stationary point the step vanishes: stop rather than record the same point.
    if (Math.hypot(dx, dy) < 1e-12) return rec.lap('newton', null);
    p = new Tensor(Float64Array.from([x! - dx, y! - dy]), [2]);
  }
}

export function race(
  s: Surface,
  start: [number, number],
  racers: readonly Racer[],
  o: RaceSettings,
): Lap[] {
  return racers.map((r) =>
    r === 'newton' ? newtonRacer(s, start, o.steps) : gradientRacer(r, s, start, o),
  );
}

/** f over a size × size grid of the surface's map, row 0 at the top (largest y). */
export function surfaceGrid(s: Surface, size: number): Float64Array {
  const xs = new Float64Array(size * size);
  const ys = new Float64Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      xs[r * size + c] = s.x[0] + ((c + 0.5) / size) * (s.x[1] - s.x[0]);
      ys[r * size + c] = s.y[1] - ((r + 0.5) / size) * (s.y[1] - s.y[0]);
    }
  }
  return noGrad(
    () =>
      s.f(new Tensor(xs, [size * size]), new Tensor(ys, [size * size])).data.data as Float64Array,
  );
}
