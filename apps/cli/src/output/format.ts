// Number formats shared by the tables, the progress bars and the report.

/** A loss or an error: 4 significant digits, exponent form for the very small and large. */
export function formatNumber(x: number | undefined, digits = 4): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e5) return x.toExponential(digits - 2);
  return x.toPrecision(digits);
}

/** A fraction as a percentage: 0.9512 → "95.12%". */
export function formatPercent(x: number | undefined, decimals = 2): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  return `${(100 * x).toFixed(decimals)}%`;
}

/** Seconds for people: "0.8s", "42s", "3m 05s", "1h 02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** An integer with thousands separators: 60000 → "60,000". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A byte count: 9912422 → "9.9 MB". */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  do {
    v /= 1000;
    u++;
  } while (v >= 1000 && u < units.length - 1);
  return `${v.toFixed(1)} ${units[u]}`;
}
