// Shared vitest settings for every package: node environment, tests next to their code
// (src/**/*.test.ts) or under test/, and fast-check's run count scaled by NABLA_FC_SCALE.
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';

const setup = fileURLToPath(new URL('./setup.js', import.meta.url));

/** @param {import('vitest/config').UserConfig} [overrides] */
export function nablaConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        environment: 'node',
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        setupFiles: [setup],
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    }),
    overrides,
  );
}
