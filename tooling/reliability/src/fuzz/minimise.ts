// Makes a failing fuzz input small enough to read and to keep as a regression test: candidates
// (by default the input with a run of bytes deleted, long runs first) replace it while they
// still fail the same way. Bounded in tries, so a slow parser cannot stall the campaign.

const MAX_TRIES = 400;

export async function minimise(
  input: Uint8Array,
  shrink: ((input: Uint8Array) => Iterable<Uint8Array>) | undefined,
  fails: (candidate: Uint8Array) => Promise<boolean>,
): Promise<Uint8Array> {
  let best = input;
  let tries = 0;
  let improved = true;
  while (improved && tries < MAX_TRIES) {
    improved = false;
    for (const candidate of (shrink ?? deletions)(best)) {
      if (++tries > MAX_TRIES) break;
      if (candidate.length < best.length && (await fails(candidate))) {
        best = candidate;
        improved = true;
        break;
      }
    }
  }
  return best;
}

/** The input without one run of bytes: halves first, down to single bytes. */
export function* deletions(input: Uint8Array): Iterable<Uint8Array> {
  for (let run = input.length >> 1; run >= 1; run >>= 1) {
    for (let at = input.length - run; at >= 0; at -= run) {
      const out = new Uint8Array(input.length - run);
      out.set(input.subarray(0, at));
      out.set(input.subarray(at + run), at);
      yield out;
    }
  }
}
