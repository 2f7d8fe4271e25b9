// The MLP an architecture describes: mlp() from @nabla/nn. Its Dropout layers' generators are
// reachable as model.generators(), which fit checkpoints by itself, so a resumed run draws the
// same masks.
import { mlp, type Sequential } from '@nabla/nn';
import type { Architecture } from './spec.js';

export interface BuiltModel {
  readonly model: Sequential;
}

export function buildModel(architecture: Architecture, seed: number): BuiltModel {
  const { sizes, activation, dropout } = architecture;
  return { model: mlp(sizes, { activation, dropout, seed }) };
}

/** "784 → 256 → 128 → 10, relu, dropout 0.2". */
export function describeArchitecture(architecture: Architecture): string {
  const { sizes, activation, dropout } = architecture;
  const parts = [sizes.join(' → ')];
  if (sizes.length > 2) parts.push(activation);
  if (dropout > 0 && sizes.length > 2) parts.push(`dropout ${dropout}`);
  return parts.join(', ');
}
