import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Where Nabla caches downloads: $NABLA_HOME, or ~/.cache/nabla. */
export function nablaHome(): string {
  const home = process.env.NABLA_HOME;
  return home !== undefined && home !== '' ? home : join(homedir(), '.cache', 'nabla');
}

/**
 * Writes `bytes` to `path` so that `path` only ever holds the complete file: written and
 * fsynced under a unique temporary name in the same directory, then renamed over `path`
 * (atomic within a file system), and the directory fsynced so the rename survives a power cut.
 * A failure removes the temporary file. A process killed mid-write may leave a hidden
 * `.<name>.<pid>.<random>.tmp` beside `path`; nothing reads those.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes a rename durable; some platforms (Windows) cannot open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the data itself was fsynced before the rename.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
