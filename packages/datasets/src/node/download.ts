import * as http from 'node:http';
import * as https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DownloadAttempt, DownloadError } from '../errors.js';
import { concat } from '../idx/gzip.js';
import { sha256 } from './sha256.js';
import { refusedUrl } from './url-policy.js';

export interface DownloadProgress {
  readonly file: string;
  readonly url: string;
  readonly received: number;
  /** From Content-Length; undefined when the server does not say. */
  readonly total: number | undefined;
}

export interface DownloadOptions {
  /** Base URLs tried in order; the file name is appended. */
  readonly mirrors: readonly string[];
  /** Extra tries per mirror after a failure (4xx answers other than 408/429 are not retried). */
  readonly retries: number;
  /** Most milliseconds without any data (connecting, waiting for headers, between chunks). */
  readonly timeoutMs: number;
  /** Wait before the first retry; doubles with each further retry of the same mirror. */
  readonly retryDelayMs: number;
  readonly onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Accept http:// on the loopback interface (a test server); everything else is HTTPS. */
  readonly allowLoopbackHttp: boolean;
}

/** No MNIST-style file is near this; a larger answer is not the file we want. */
const MAX_BYTES = 512 * 2 ** 20;
const MAX_REDIRECTS = 5;

/** A failure worth no retry on the same mirror (e.g. 404). */
class PermanentFailure extends Error {}

/**
 * Fetches `file` from the mirrors in order, with retries, and returns its bytes once their
 * SHA-256 is `expectedSha256`. Nothing is written here: the caller stores only verified bytes.
 * When every attempt fails, a DownloadError lists each URL and what went wrong.
 */
export async function downloadVerified(
  op: string,
  file: string,
  expectedSha256: string,
  options: DownloadOptions,
): Promise<Uint8Array> {
  const attempts: DownloadAttempt[] = [];
  for (const mirror of options.mirrors) {
    const url = new URL(file, mirror.endsWith('/') ? mirror : `${mirror}/`).href;
    for (let attempt = 0; attempt <= options.retries; attempt++) {
      if (attempt > 0) await sleep(options.retryDelayMs * 2 ** (attempt - 1));
      try {
        const bytes = await get(url, file, options, MAX_REDIRECTS);
        const actual = sha256(bytes);
        if (actual === expectedSha256) return bytes;
        attempts.push({
          url,
          error: `checksum mismatch for ${file}: SHA-256 ${actual}, expected ${expectedSha256} (${bytes.length} bytes)`,
        });
      } catch (error) {
        attempts.push({ url, error: error instanceof Error ? error.message : String(error) });
        if (error instanceof PermanentFailure) break;
      }
    }
  }
  throw new DownloadError(op, file, attempts);
}

/** One GET with an idle timeout, following redirects; the whole body or an error. */
function get(
  url: string,
  file: string,
  options: DownloadOptions,
  redirects: number,
): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    // Checked for every request, redirects included: an HTTPS mirror cannot downgrade to http.
    const refused = refusedUrl(url, options.allowLoopbackHttp);
    if (refused !== null) {
      reject(new PermanentFailure(refused));
      return;
    }
    const client = url.startsWith('https:') ? https : http;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (error: Error | null, bytes?: Uint8Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(bytes!);
    };
    // One timer for every silence: no connection, no headers, or a body that stops flowing.
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(new Error(`timed out: no data for ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
    };
    // identity: a server that gzips on the fly would hand us bytes we cannot checksum.
    const request = client.get(
      url,
      { headers: { 'accept-encoding': 'identity', 'user-agent': 'nabla-datasets' } },
      (response) => {
        arm();
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location !== undefined) {
          response.resume();
          if (redirects === 0) {
            finish(new PermanentFailure('too many redirects'));
            return;
          }
          get(new URL(location, url).href, file, options, redirects - 1).then(
            (bytes) => finish(null, bytes),
            (error: Error) => finish(error),
          );
          clearTimeout(timer);
          return;
        }
        if (status !== 200) {
          response.resume();
          const message = `HTTP ${status} ${response.statusMessage ?? ''}`.trim();
          const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
          finish(permanent ? new PermanentFailure(message) : new Error(message));
          return;
        }
        const header = response.headers['content-length'];
        const total = header === undefined ? undefined : Number(header);
        if (total !== undefined && !(total <= MAX_BYTES)) {
          finish(
            new PermanentFailure(`Content-Length ${header} is not a plausible size for ${file}`),
          );
          return;
        }
        const chunks: Uint8Array[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          arm();
          chunks.push(chunk);
          received += chunk.length;
          if (received > MAX_BYTES)
            finish(new PermanentFailure(`more than ${MAX_BYTES} bytes for ${file}`));
          else options.onProgress?.({ file, url, received, total });
        });
        response.on('end', () => {
          if (total !== undefined && received !== total) {
            finish(new Error(`truncated: received ${received} of ${total} bytes`));
          } else finish(null, concat(chunks, received));
        });
        // A connection that closes before the end: Node reports 'aborted' / ECONNRESET here.
        response.on('error', (error) =>
          finish(
            new Error(
              `connection lost after ${received}${total === undefined ? '' : ` of ${total}`} bytes (${error.message})`,
            ),
          ),
        );
        response.on('close', () => {
          if (!response.complete) {
            finish(
              new Error(
                `truncated: connection closed after ${received}${total === undefined ? '' : ` of ${total}`} bytes`,
              ),
            );
          }
        });
      },
    );
    request.on('error', (error) => finish(error));
    arm();
  });
}
