// Each area records what it measured (inputs tried, trials, slopes, failures) in
// results/<mode>/<area>.json; scripts/report.mjs turns the long run's files into the figures
// table of docs/reliability.md.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLong } from './budget.js';

export interface Figure {
  /** What was measured, e.g. "safetensors: inputs tried". */
  readonly name: string;
  readonly value: number | string;
  readonly unit?: string;
  /** Anything a reader needs to judge the figure: the bound it was held to, what failed. */
  readonly note?: string;
}

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/** Writes an area's figures for this run, replacing the ones a previous run left. */
export function recordFigures(area: string, title: string, figures: readonly Figure[]): void {
  if (!/^[a-z0-9-]+$/.test(area)) throw new Error(`area must be kebab-case, got "${area}"`);
  const file = join(resultsDir, isLong ? 'long' : 'short', `${area}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const body = JSON.stringify(
    { area, title, recordedAt: new Date().toISOString(), figures },
    null,
    2,
  );
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${body}\n`);
  renameSync(temporary, file);
}
