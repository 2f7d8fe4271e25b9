// Types for assemble.mjs, for the test that checks the embedded bytes against this source.
export interface AssembledModule {
  bytes: Uint8Array;
  description: string;
}
export function assembleAll(): Promise<Record<string, AssembledModule>>;
export const texts: Record<string, string>;
/** The shared memory's maximum, in 64 KiB pages. */
export const SHARED_MAX_PAGES: number;
