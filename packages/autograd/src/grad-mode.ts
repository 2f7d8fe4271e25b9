/**
 * Whether ops record the graph. A module-level flag (read on every op, so it is a plain `let`,
 * not a lookup): `noGrad` turns it off for evaluation and optimizer steps, `enableGrad` back on.
 */
let enabled = true;

/** True unless inside `noGrad`. */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` with recording off: ops compute values only, results do not require gradients and no
 * graph is kept (PyTorch's `torch.no_grad()`). Use it for evaluation and for parameter updates.
 * Only the synchronous part of `fn` is covered; do not pass an async function.
 */
export function noGrad<R>(fn: () => R): R {
  return withGradMode(false, fn);
}

/** Runs `fn` with recording on, even inside `noGrad` (PyTorch's `torch.enable_grad()`). */
export function enableGrad<R>(fn: () => R): R {
  return withGradMode(true, fn);
}

function withGradMode<R>(mode: boolean, fn: () => R): R {
  const previous = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
