// Rewrites the generated figures section of docs/reliability.md from results/long/*.json, the
// figures the last `pnpm test:reliability` recorded. The prose around the markers is kept.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const resultsDir = fileURLToPath(new URL('../results/long/', import.meta.url));
const docPath = fileURLToPath(new URL('../../../docs/reliability.md', import.meta.url));
const start = '<!-- figures:start -->';
const end = '<!-- figures:end -->';

const areas = existsSync(resultsDir)
  ? readdirSync(resultsDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(`${resultsDir}${name}`, 'utf8')))
  : [];
if (areas.length === 0) {
  console.error(`no figures in ${resultsDir}: run the long suite first`);
  process.exit(1);
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const format = (value) => (typeof value === 'number' ? value.toLocaleString('en-US') : value);
const sections = areas.map((area) => {
  const rows = area.figures.map(
    (f) =>
      `| ${cell(f.name)} | ${cell(format(f.value))}${f.unit ? ` ${cell(f.unit)}` : ''} | ${cell(f.note ?? '')} |`,
  );
  return [
    `### ${area.title}`,
    '',
    `Recorded ${area.recordedAt}.`,
    '',
    '| figure | value | note |',
    '|---|---:|---|',
    ...rows,
  ].join('\n');
});
const generated = [start, '', ...sections.flatMap((s) => [s, '']), end].join('\n');

const doc = existsSync(docPath)
  ? readFileSync(docPath, 'utf8')
  : `# Reliability\n\n${start}\n${end}\n`;
const from = doc.indexOf(start);
const to = doc.indexOf(end);
if (from < 0 || to < from) {
  console.error(`${docPath} lacks the ${start} … ${end} markers`);
  process.exit(1);
}
const next = doc.slice(0, from) + generated + doc.slice(to + end.length);
writeFileSync(`${docPath}.tmp`, next);
renameSync(`${docPath}.tmp`, docPath);
console.log(`wrote the figures of ${areas.length} areas to ${docPath}`);
