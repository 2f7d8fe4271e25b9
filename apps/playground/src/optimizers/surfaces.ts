// The loss surfaces of the optimizer race, each written once with @nabla/autograd's ops: the
// same expression is differentiated for the racers (and twice for Newton's Hessian) and
// evaluated over a grid for the contour plot.
import { add, exp, mul, sub, type Variable } from '@nabla/autograd';
import type { Tensor } from '@nabla/tensor';
import type { SurfaceName } from '../state/options';

type Operand = Variable | Tensor;
type Fn = (x: Operand, y: Operand) => Variable;

export interface Surface {
  name: SurfaceName;
  label: string;
  /** What it teaches, in a sentence. */
  note: string;
  x: [number, number];
  y: [number, number];
  start: [number, number];
  /** Where the global minimum is, and its value: the race's finish. */
  minimum: [number, number] | null;
  /** The smallest value anywhere (for a log-scaled gap plot), if it is known exactly. */
  floor: number | null;
  /** log10 of the learning rates that suit it: SGD's family, and the adaptive methods. */
  lrLog: number;
  adaptiveLrLog: number;
  f: Fn;
}

const sq = (v: Operand) => mul(v, v);

/**
 * ½(u² + κ v²) in coordinates (u, v) turned 30° from (x, y): curvature 1 along u and κ along v,
 * so κ is the condition number. Turned, so no method gets the axes for free.
 */
function quadratic(kappa: number): Fn {
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  return (x, y) => {
    const u = add(mul(x, c), mul(y, s));
    const v = sub(mul(y, c), mul(x, s));
    return mul(add(sq(u), mul(sq(v), kappa)), 0.5);
  };
}

/** (1 − x)² + 100 (y − x²)²: a curved, flat-bottomed valley; minimum 0 at (1, 1). */
const rosenbrock: Fn = (x, y) => add(sq(sub(1, x)), mul(sq(sub(y, sq(x))), 100));

/** Beale's function: steep walls and flat plateaus; minimum 0 at (3, 0.5). */
const beale: Fn = (x, y) => {
  const xy = mul(x, y);
  const xy2 = mul(xy, y);
  const xy3 = mul(xy2, y);
  return add(
    add(sq(add(sub(1.5, x), xy)), sq(add(sub(2.25, x), xy2))),
    sq(add(sub(2.625, x), xy3)),
  );
};

/** x² − y² + y⁴/4: a saddle at the origin between two minima of −1 at (0, ±√2). */
const saddle: Fn = (x, y) => add(sub(sq(x), sq(y)), mul(sq(sq(y)), 0.25));

/** A wide bowl with four Gaussian wells of different depths: local minima to get caught in. */
const WELLS: [number, number, number, number][] = [
  // centre x, centre y, depth, width²
  [2, 1.5, 2, 0.9],
  [-1.8, -1.2, 1.4, 0.8],
  [-1.6, 2, 1.1, 0.6],
  [1.6, -2.2, 0.9, 0.5],
];
const wells: Fn = (x, y) => {
  let f = mul(add(sq(x), sq(y)), 0.06);
  for (const [cx, cy, depth, width] of WELLS) {
    const d2 = add(sq(sub(x, cx)), sq(sub(y, cy)));
    f = sub(f, mul(exp(mul(d2, -1 / width)), depth));
  }
  return f;
};

export function surface(name: SurfaceName, condition: number): Surface {
  switch (name) {
    case 'quadratic':
      return {
        name,
        label: 'Ill-conditioned quadratic',
        note: 'One direction κ times steeper than the other: plain gradient descent zig-zags across the valley; momentum and Newton do not.',
        x: [-3, 3],
        y: [-3, 3],
        start: [-2.6, 1.6],
        minimum: [0, 0],
        floor: 0,
        lrLog: -1.5,
        adaptiveLrLog: -1,
        f: quadratic(condition),
      };
    case 'rosenbrock':
      return {
        name,
        label: 'Rosenbrock',
        note: 'A narrow curved valley: finding it is easy, following its flat floor to (1, 1) is not.',
        x: [-2, 2],
        y: [-1, 3],
        start: [-1.5, 2.5],
        minimum: [1, 1],
        floor: 0,
        lrLog: -3.25,
        adaptiveLrLog: -1,
        f: rosenbrock,
      };
    case 'beale':
      return {
        name,
        label: 'Beale',
        note: 'Plateaus and steep walls: per-coordinate step sizes (AdaGrad, RMSprop, Adam) help.',
        x: [-4.5, 4.5],
        y: [-4.5, 4.5],
        start: [1, 1.5],
        minimum: [3, 0.5],
        floor: 0,
        lrLog: -2.5,
        adaptiveLrLog: -1,
        f: beale,
      };
    case 'saddle':
      return {
        name,
        label: 'Saddle point',
        note: 'Starting almost on the ridge, gradient methods linger at the saddle before escaping; Newton is drawn into it, since the Hessian there is not positive definite.',
        x: [-2, 2],
        y: [-2.5, 2.5],
        start: [-1.8, 0.01],
        minimum: [0, Math.SQRT2],
        floor: -1,
        lrLog: -1.5,
        adaptiveLrLog: -1.5,
        f: saddle,
      };
    case 'wells':
      return {
        name,
        label: 'Several local minima',
        note: 'Four wells of different depths: where a method ends depends on the start, the step size and momentum.',
        x: [-4, 4],
        y: [-4, 4],
        start: [-0.2, 0.4],
        minimum: null,
        floor: null,
        lrLog: -1,
        adaptiveLrLog: -1,
        f: wells,
      };
  }
}
