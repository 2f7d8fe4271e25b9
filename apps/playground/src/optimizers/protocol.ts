import type { Racer, SurfaceName } from '../state/options';
import type { Lap, RaceSettings } from './race';

export type OptimizersRequest = {
  type: 'race';
  surface: SurfaceName;
  condition: number;
  start: [number, number];
  racers: Racer[];
  settings: RaceSettings;
  gridSize: number;
};

export type OptimizersReply =
  | { type: 'race'; laps: Lap[]; grid: Float64Array; gridSize: number; key: string }
  | { type: 'error'; message: string };
