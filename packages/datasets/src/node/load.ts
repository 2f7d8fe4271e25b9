import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArgumentError } from '@nabla/tensor';
import { ChecksumError, MissingFileError } from '../errors.js';
import { parseIdx } from '../idx/parse.js';
import { imagesToDataset, type MnistData } from '../mnist/convert.js';
import {
  checkBoolean,
  checkOptions,
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  show,
} from '../options.js';
import { nablaHome, writeFileAtomic } from './cache.js';
import { type DownloadProgress, downloadVerified } from './download.js';
import { inflateNode } from './inflate.js';
import { sha256 } from './sha256.js';
import { IDX_ROLES, type IdxDatasetSpec, type IdxFileSpec } from './specs.js';
import { refusedUrl } from './url-policy.js';

export interface LoadIdxDatasetOptions {
  /**
   * The directory holding the four files (gzipped, or gunzipped under the same names without
   * .gz); with `download`, the directory downloads go to. Default `$NABLA_HOME/mnist` (or
   * `/fashion-mnist`), `$NABLA_HOME` defaulting to ~/.cache/nabla.
   */
  root?: string;
  /** Fetch files that are missing or fail their checksum (default false: only read). */
  download?: boolean;
  /** Base URLs to download from, tried in order (default: the data set's known mirrors). */
  mirrors?: readonly string[];
  /** Extra tries per mirror after a failure, default 2. */
  retries?: number;
  /** Give up on an attempt after this many milliseconds without data, default 30,000. */
  timeoutMs?: number;
  /** Pause before the first retry of a mirror, doubling after, default 500 ms. */
  retryDelayMs?: number;
  /**
   * SHA-256 (hex) by file name, replacing the published ones: for mirrors of modified files,
   * and for tests that serve small stand-ins.
   */
  checksums?: Readonly<Record<string, string>>;
  /** Called as download bytes arrive, e.g. to draw a progress bar. */
  onProgress?: (progress: DownloadProgress) => void;
  /**
   * For tests only: also accept http:// mirrors on 127.0.0.1, ::1 or localhost (default
   * false). Every other mirror, and every redirect, must be HTTPS.
   */
  allowLoopbackHttp?: boolean;
}

/**
 * Loads an MNIST-style data set (four IDX files) from `root`, downloading into it what is
 * missing when `download` is set. Every file is checked against its SHA-256 before it is parsed,
 * whether read or downloaded; downloads are written to a temporary name and renamed, so `root`
 * never holds a partial or corrupt file.
 */
export async function loadIdxDataset(spec: IdxDatasetSpec, options: unknown): Promise<MnistData> {
  const { op } = spec;
  const o = checkOptions<LoadIdxDatasetOptions>(op, options);
  const root = o.root ?? join(nablaHome(), spec.dir);
  if (typeof root !== 'string' || root === '') {
    throw new ArgumentError(op, `root must be a directory path, got ${show(root)}`);
  }
  const download = checkBoolean(op, 'download', o.download ?? false);
  const mirrors = o.mirrors ?? spec.mirrors;
  if (
    !Array.isArray(mirrors) ||
    mirrors.length === 0 ||
    mirrors.some((m) => typeof m !== 'string')
  ) {
    throw new ArgumentError(op, 'mirrors must be a non-empty array of base URLs');
  }
  const allowLoopbackHttp = checkBoolean(op, 'allowLoopbackHttp', o.allowLoopbackHttp ?? false);
  if (download) {
    for (const m of mirrors) {
      const refused = refusedUrl(m, allowLoopbackHttp);
      if (refused !== null) throw new ArgumentError(op, `mirror ${refused}`);
    }
  }
  const checksums = checkOptions<Record<string, string>>(op, o.checksums);
  const fetchOptions = {
    mirrors,
    retries: nonNegativeInteger(op, 'retries', o.retries ?? 2),
    timeoutMs: positiveInteger(op, 'timeoutMs', o.timeoutMs ?? 30_000),
    retryDelayMs: nonNegativeNumber(op, 'retryDelayMs', o.retryDelayMs ?? 500),
    onProgress: o.onProgress,
    allowLoopbackHttp,
  };
  const bytes: Partial<Record<(typeof IDX_ROLES)[number], Uint8Array>> = {};
  // One file after another: downloads are gentler on mirrors that way, and reads are quick.
  for (const role of IDX_ROLES) {
    const file = spec.files[role];
    const gzSha = checksums[file.gz] ?? file.gzSha256;
    const local = await readVerified(
      op,
      root,
      file,
      gzSha,
      checksums[file.raw] ?? file.rawSha256,
      download,
    );
    if (local !== null) bytes[role] = local;
    else if (!download) throw new MissingFileError(op, file.gz, root);
    else {
      const fetched = await downloadVerified(op, file.gz, gzSha, fetchOptions);
      await writeFileAtomic(join(root, file.gz), fetched);
      bytes[role] = fetched;
    }
  }
  const parse = (role: (typeof IDX_ROLES)[number]) =>
    parseIdx(bytes[role]!, { name: spec.files[role].gz, inflate: inflateNode });
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    IDX_ROLES.map(parse),
  );
  const { files } = spec;
  return {
    train: imagesToDataset(op, trainImages!, trainLabels!, [
      files.trainImages.gz,
      files.trainLabels.gz,
    ]),
    test: imagesToDataset(op, testImages!, testLabels!, [files.testImages.gz, files.testLabels.gz]),
  };
}

/**
 * The file's verified bytes from `root` (the .gz, else the gunzipped one), or null when neither
 * exists. A file that fails its checksum is an error, unless `download` may replace it.
 */
async function readVerified(
  op: string,
  root: string,
  file: IdxFileSpec,
  gzSha: string,
  rawSha: string,
  download: boolean,
): Promise<Uint8Array | null> {
  for (const [name, expected] of [
    [file.gz, gzSha],
    [file.raw, rawSha],
  ] as const) {
    const path = join(root, name);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') continue;
      throw error;
    }
    const actual = sha256(bytes);
    if (actual === expected) return bytes;
    if (download) return null;
    throw new ChecksumError(
      op,
      path,
      expected,
      actual,
      'delete the file, or pass download: true to fetch it again',
    );
  }
  return null;
}
