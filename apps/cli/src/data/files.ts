// The files of the downloadable data sets on disk: where they are expected, whether they are
// there, and whether their SHA-256 is the published one.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FASHION_MNIST, type IdxDatasetSpec, MNIST, nablaHome } from '@nabla/datasets/node';

export const SPECS: Readonly<Record<string, IdxDatasetSpec>> = {
  mnist: MNIST,
  'fashion-mnist': FASHION_MNIST,
};

export interface FileStatus {
  /** The name looked for (the .gz; the gunzipped file is accepted too). */
  readonly name: string;
  readonly sha256: string;
  /** The file found (the .gz or the gunzipped one), or null. */
  readonly path: string | null;
  readonly bytes: number | null;
  /** Whether its SHA-256 is the published one (null when absent or not checked). */
  readonly verified: boolean | null;
}

export function defaultRoot(name: string): string {
  return join(nablaHome(), SPECS[name]?.dir ?? name);
}

export async function fileStatuses(
  spec: IdxDatasetSpec,
  root: string,
  verify: boolean,
): Promise<FileStatus[]> {
  const out: FileStatus[] = [];
  for (const file of Object.values(spec.files)) {
    let found: FileStatus = {
      name: file.gz,
      sha256: file.gzSha256,
      path: null,
      bytes: null,
      verified: null,
    };
    for (const [name, sha] of [
      [file.gz, file.gzSha256],
      [file.raw, file.rawSha256],
    ] as const) {
      const path = join(root, name);
      const info = await stat(path).catch(() => null);
      if (info === null || !info.isFile()) continue;
      const verified = verify ? sha256(await readFile(path)) === sha : null;
      found = { name: file.gz, sha256: sha, path, bytes: info.size, verified };
      break;
    }
    out.push(found);
  }
  return out;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
