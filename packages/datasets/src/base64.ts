// Base64 to bytes with a lookup table: the same code in Node and browsers, and without atob's
// detour through a binary string (the embedded MNIST sample is 2.7 MB of base64).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Decodes standard, padded base64 (no whitespace); throws on any other character. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error(`base64 length ${text.length} is not a multiple of 4`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = text.charCodeAt(i + 2) === 61 ? 0 : sextet(text, i + 2);
    const d = text.charCodeAt(i + 3) === 61 ? 0 : sextet(text, i + 3);
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = bits >>> 16;
    if (o < out.length) out[o++] = (bits >>> 8) & 0xff;
    if (o < out.length) out[o++] = bits & 0xff;
  }
  return out;
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const v = code < 128 ? LOOKUP[code]! : -1;
  if (v < 0) throw new Error(`invalid base64 character at ${i}`);
  return v;
}
