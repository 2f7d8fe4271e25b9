import { variable } from '@nabla/autograd';
import { describe, expect, it } from 'vitest';
import { RACERS, SURFACES } from '../state/options';
import { objective, race, surfaceGrid } from './race';
import { surface } from './surfaces';

const settings = (name: (typeof SURFACES)[number]) => {
  const s = surface(name, 20);
  return {
    s,
    o: { lr: 10 ** s.lrLog, adaptiveLr: 10 ** s.adaptiveLrLog, momentum: 0.9, steps: 300 },
  };
};

describe('optimizer race', () => {
  it('the surfaces have their minima where they say', () => {
    for (const name of SURFACES) {
      const s = surface(name, 20);
      if (s.minimum === null || s.floor === null) continue;
      const f = objective(s, variable(s.minimum, { dtype: 'float64' })).item();
      expect(f).toBeCloseTo(s.floor, 10);
    }
  });

  it('every racer goes downhill from the default start on every surface with its default rates', () => {
    for (const name of SURFACES) {
      const { s, o } = settings(name);
      for (const lap of race(s, s.start, RACERS, o)) {
        const last = lap.losses[lap.losses.length - 1]!;
        if (lap.racer === 'newton') continue; // Newton seeks stationary points, minima or not
        expect(lap.stopped, `${lap.racer} on ${name}`).toBeNull();
        expect(last, `${lap.racer} on ${name}`).toBeLessThan(lap.losses[0]!);
      }
    }
  });

  it('Newton solves a quadratic in one step and reports the saddle it is drawn to', () => {
    const q = surface('quadratic', 50);
    const [lap] = race(q, [2, -1], ['newton'], { lr: 0, adaptiveLr: 0, momentum: 0, steps: 10 });
    expect(lap!.losses[1]).toBeCloseTo(0, 12);
    const saddle = surface('saddle', 1);
    const [toSaddle] = race(saddle, [0.5, 0.3], ['newton'], {
      lr: 0,
      adaptiveLr: 0,
      momentum: 0,
      steps: 50,
    });
    const n = toSaddle!.path.length;
    expect(Math.abs(toSaddle!.path[n - 1]!)).toBeLessThan(1e-6); // y → 0: the saddle, not a minimum
  });

  it('evaluates the surface over a grid, top row first', () => {
    const s = surface('quadratic', 1);
    const g = surfaceGrid(s, 3);
    expect(g[4]).toBeCloseTo(0, 12); // the centre cell is the minimum
    expect(g[0]).toBeCloseTo(g[8]!, 12); // symmetric through the origin
  });
});
