// @nabla/train/node: the parts of the training loop that write files. The main entry point
// (@nabla/train) stays browser-safe; this one needs Node's file system.

export { ModelCheckpoint, type ModelCheckpointOptions } from './callbacks/model-checkpoint.js';
export { loadCheckpoint, saveCheckpoint } from './checkpoint/file.js';
