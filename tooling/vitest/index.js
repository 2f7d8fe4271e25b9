// Shared vitest settings for every package: node environment, tests next to their code
// (src/**/*.test.ts) or under test/, and fast-check's run count scaled by NABLA_FC_SCALE.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';

const setup = fileURLToPath(new URL('./setup.js', import.meta.url));
const packagesDir = fileURLToPath(new URL('../../packages/', import.meta.url));

/**
 * Tests import every @nabla library from its TypeScript sources, never from a build: one module
 * instance per package (a test and the testkit see the same `Tensor` class, so `instanceof`
 * holds), and a test run needs no prior build.
 */
function sourceAliases() {
  const names = readdirSync(packagesDir).filter((d) =>
    existsSync(`${packagesDir}${d}/src/index.ts`),
  );
  if (names.length === 0) return [];
  const group = names.join('|');
  return [
    { find: new RegExp(`^@nabla/(${group})$`), replacement: `${packagesDir}$1/src/index.ts` },
    {
      find: new RegExp(`^@nabla/(${group})/([a-z-]+)$`),
      replacement: `${packagesDir}$1/src/$2.ts`,
    },
  ];
}

/** @param {import('vitest/config').UserConfig} [overrides] */
export function nablaConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      resolve: { alias: sourceAliases() },
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
