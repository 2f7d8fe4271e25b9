// tooling/vitest ships plain JavaScript without declarations; this types the one function
// vitest.config.ts uses, so `tsc -p tsconfig.json` passes. Delete once tooling/vitest has types.
declare module '@nabla/vitest-config' {
  import type { UserConfig } from 'vitest/config';
  export function nablaConfig(overrides?: UserConfig): UserConfig;
}
