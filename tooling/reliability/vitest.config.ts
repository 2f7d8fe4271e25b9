import { nablaConfig } from '@nabla/vitest-config';
import { isLong } from './src/budget.js';

// The long run gives each file far more time; the short run keeps vitest's shared limits.
export default nablaConfig(
  isLong ? { test: { testTimeout: 3_600_000, hookTimeout: 600_000, fileParallelism: false } } : {},
);
