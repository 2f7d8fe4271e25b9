// Types for the shared vitest config (tooling/vitest is plain JavaScript without declarations).
// Remove once @nabla/vitest-config ships its own.
declare module '@nabla/vitest-config' {
  import type { UserConfig } from 'vitest/config';
  export function nablaConfig(overrides?: UserConfig): UserConfig;
}
