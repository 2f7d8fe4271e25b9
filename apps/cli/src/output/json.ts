// `--json`: one JSON object per line on stdout. Non-finite numbers (a NaN loss) become null,
// as JSON has no NaN.

export function jsonLine(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? null : v,
  );
}

export function writeJson(out: NodeJS.WritableStream, value: unknown): void {
  out.write(`${jsonLine(value)}\n`);
}
