// Threads for large float32 products: the public controls.
export { threadsAvailable } from './available.js';
export { threadsReady } from './ready.js';
export { getNumThreads, MAX_THREADS, setNumThreads } from './settings.js';
