import type { UserConfig } from 'vitest/config';

/** Nabla's shared vitest config merged with package-specific overrides. */
export function nablaConfig(overrides?: UserConfig): UserConfig;
