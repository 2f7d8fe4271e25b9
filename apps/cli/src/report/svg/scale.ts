// Linear scales and "nice" tick values (1, 2, 5 × 10^k steps), as every plotting library
// chooses them, in a dozen lines.

export interface Scale {
  (value: number): number;
  readonly ticks: number[];
  readonly domain: readonly [number, number];
}

/** Step of about (hi − lo) / count, rounded to 1, 2 or 5 × a power of ten. */
export function niceStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m >= 7 ? 10 : m >= 3 ? 5 : m >= 1.5 ? 2 : 1) * power;
}

/**
 * Maps [lo, hi] (widened to tick multiples, or around a constant) onto [from, to]. With
 * `nice`, the domain is extended to whole ticks; otherwise it is kept and ticks lie inside it.
 */
export function linearScale(
  lo: number,
  hi: number,
  from: number,
  to: number,
  { count = 5, nice = true } = {},
): Scale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (lo === hi) {
    // A constant (a fixed learning rate): centred, with room proportional to its size.
    const pad = lo === 0 ? 0.5 : Math.abs(lo) / 2;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(lo, hi, count);
  if (nice) {
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
  }
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
    // Rounded to the step's precision, so 0.30000000000000004 prints as 0.3.
    ticks.push(Number(t.toPrecision(12)));
  }
  const span = hi - lo;
  const scale = ((v: number) => from + ((v - lo) / span) * (to - from)) as Scale;
  return Object.assign(scale, { ticks, domain: [lo, hi] as const });
}

/** A tick label: short, no float noise. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0);
  return String(Number(v.toPrecision(4)));
}
