// Runs the race and evaluates the surface for its contour plot, off the main thread.
import { describeError, workerScope } from '../shared/worker-scope';
import type { OptimizersReply, OptimizersRequest } from './protocol';
import { race, surfaceGrid } from './race';
import { surface } from './surfaces';

const scope = workerScope<OptimizersRequest, OptimizersReply>();

scope.onmessage = ({ data: m }) => {
  try {
    const s = surface(m.surface, m.condition);
    const laps = race(s, m.start, m.racers, m.settings);
    const grid = surfaceGrid(s, m.gridSize);
    const key = `${m.surface}:${m.condition}`;
    scope.postMessage({ type: 'race', laps, grid, gridSize: m.gridSize, key }, [grid.buffer]);
  } catch (e) {
    scope.postMessage({ type: 'error', message: describeError(e) });
  }
};
