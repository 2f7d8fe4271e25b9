// Test helpers shared by every Nabla package: fast-check arbitraries for shapes and tensors,
// tolerant comparison, and run counts scaled by NABLA_FC_SCALE.

export {
  broadcastablePairArb,
  broadcastableShapesArb,
  type FloatArrayArbOptions,
  floatArb,
  floatArrayArb,
  type MatmulCase,
  type MatmulPairArbOptions,
  matmulPairArb,
  type ShapeArbOptions,
  shapeArb,
  type TensorArbOptions,
  tensorArb,
} from './arbitraries.js';
export { type AllCloseOptions, expectAllClose, type Numeric } from './close.js';
export { runs } from './runs.js';
