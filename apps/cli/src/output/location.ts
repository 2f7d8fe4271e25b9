// Where the CLI writes its results (model, report, checkpoint). A location is checked before any
// work starts, so a run that could not save its result fails at once instead of after training,
// and directories are made one at a time: Node 20's `mkdir(…, { recursive: true })` never
// settles for a path under /proc (it retries ENOENT forever), which would hang the command.
import { randomBytes } from 'node:crypto';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CliError, systemReason, UsageError } from '../errors.js';

/**
 * Refuses an output `path` (given as `flag`) that is a directory, lies under a file, or whose
 * nearest existing directory cannot be written to. Leaves nothing behind.
 */
export async function checkOutputLocation(flag: string, path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    const example = flag === '--report' ? 'report.html' : 'model.safetensors';
    throw new UsageError(
      `${flag} ${path} is a directory; give a file name, e.g. ${join(path, example)}`,
    );
  }
  const existing = await nearestExisting(dirname(resolve(path)));
  if (!existing.isDirectory) {
    throw new CliError(`${flag} ${path}: ${existing.path} is a file, not a directory`);
  }
  // Creating a file proves more than access(2): it also fails on read-only mounts, and it does
  // not take root's permission bypass for a promise that the write will succeed.
  const probe = join(
    existing.path,
    `.nabla-probe-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
  } catch (error) {
    throw new CliError(
      `${flag} ${path}: cannot write in ${existing.path} (${systemReason(error)})`,
    );
  }
  await unlink(probe).catch(() => undefined);
}

/** Makes `dir` and any missing parents, one level at a time. */
export async function makeDirectories(dir: string): Promise<void> {
  const existing = await nearestExisting(resolve(dir));
  const missing: string[] = [];
  for (let d = resolve(dir); d !== existing.path; d = dirname(d)) missing.push(d);
  for (const d of missing.reverse()) {
    await mkdir(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** The closest of `path` and its ancestors that exists (the root always does). */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  for (let p = path; ; p = dirname(p)) {
    const info = await stat(p).catch(() => null);
    if (info !== null) return { path: p, isDirectory: info.isDirectory() };
    if (dirname(p) === p) return { path: p, isDirectory: true };
  }
}
