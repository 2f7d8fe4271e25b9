import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Inflate } from '../idx/gzip.js';
import { tooLarge } from '../idx/gzip.js';

const gunzipAsync = promisify(gunzip);

/** node:zlib's gunzip (on libuv's thread pool, so four files inflate in parallel), capped. */
export const inflateNode: Inflate = async (gzip, maxBytes) => {
  try {
    return await gunzipAsync(gzip, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge('parseIdx', maxBytes);
    throw error;
  }
};
