// A CSV file of numeric features and one label column, as a classification data set. The
// parser handles what spreadsheets write (a header or none, quoted fields, CRLF line ends),
// and refuses anything it would otherwise have to guess about, naming the line.
import { DECIMAL_NUMBER } from '../args/values.js';
import { CliError } from '../errors.js';

export interface CsvTable {
  /** Feature column names (from the header, or "x1", "x2", … without one). */
  readonly featureNames: string[];
  readonly labelName: string;
  /** Row-major features, rows × featureNames.length. */
  readonly features: Float32Array;
  /** Each row's label as written. */
  readonly labels: string[];
}

/** Splits one CSV record into fields: commas separate, double quotes quote, "" is a quote. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

function isNumeric(text: string): boolean {
  return DECIMAL_NUMBER.test(text) && Number.isFinite(Number(text));
}

/** Spellings JavaScript reads as a non-finite number: "NaN", "Infinity", "-Infinity", "+Infinity". */
const NON_FINITE = /^[+-]?(NaN|Infinity)$/;

/**
 * Why a feature field cannot be stored as a finite float32, or null if it can. Features are kept
 * in a Float32Array, where anything beyond ±3.4e38 (say 1e39) would silently become ±Infinity.
 */
function featureProblem(text: string): string | null {
  if (NON_FINITE.test(text)) return 'a non-finite number (features must be finite)';
  if (!isNumeric(text)) return 'not a number (features must be numeric)';
  if (!Number.isFinite(Math.fround(Number(text)))) {
    return "beyond float32's range of ±3.4e38 (it would be stored as Infinity)";
  }
  return null;
}

/**
 * Parses `text` (from `file`, for messages). The label column is `labelColumn` (a header name
 * or a 1-based column number), else the column named "label" (any case), else the last one.
 */
export function parseCsv(text: string, file: string, labelColumn?: string): CsvTable {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== '');
  if (lines.length === 0) throw new CliError(`${file}: the CSV file is empty`);
  const first = splitCsvLine(lines[0]!.line);
  // A header is a first row with a field that is not a number (every data row's features are).
  // "NaN" and "Infinity" are values, not names: a first row of numbers and NaNs is data, so its
  // NaN is reported rather than the row silently taken for a header.
  const hasHeader = first.some((f) => !isNumeric(f) && !NON_FINITE.test(f));
  const width = first.length;
  if (width < 2) {
    throw new CliError(
      `${file}: needs at least two columns (features and a label), found ${width}`,
    );
  }
  const names = hasHeader ? first : first.map((_, i) => `x${i + 1}`);
  const labelIndex = findLabelColumn(names, hasHeader, labelColumn, file);
  const records = hasHeader ? lines.slice(1) : lines;
  if (records.length === 0) throw new CliError(`${file}: has a header but no rows`);

  const featureCount = width - 1;
  const features = new Float32Array(records.length * featureCount);
  const labels: string[] = [];
  records.forEach(({ line, number }, r) => {
    const fields = splitCsvLine(line);
    if (fields.length !== width) {
      throw new CliError(`${file}:${number}: expected ${width} fields, found ${fields.length}`);
    }
    let k = 0;
    fields.forEach((f, c) => {
      if (c === labelIndex) return;
      const problem = featureProblem(f);
      if (problem !== null) {
        throw new CliError(
          `${file}:${number}: column "${names[c]}" holds "${f}", ${problem}; column ${c + 1} of ${width}`,
        );
      }
      features[r * featureCount + k++] = Number(f);
    });
    const label = fields[labelIndex]!;
    if (label === '') throw new CliError(`${file}:${number}: the label is empty`);
    labels.push(label);
  });
  return {
    featureNames: names.filter((_, c) => c !== labelIndex),
    labelName: names[labelIndex]!,
    features,
    labels,
  };
}

function findLabelColumn(
  names: string[],
  hasHeader: boolean,
  labelColumn: string | undefined,
  file: string,
): number {
  if (labelColumn !== undefined) {
    const byName = names.indexOf(labelColumn);
    if (hasHeader && byName >= 0) return byName;
    const n = Number(labelColumn);
    if (Number.isInteger(n) && n >= 1 && n <= names.length) return n - 1;
    throw new CliError(
      `${file}: no column "${labelColumn}"${hasHeader ? ` (columns: ${names.join(', ')})` : ''}; give a header name or a column number 1..${names.length}`,
    );
  }
  const byName = hasHeader ? names.findIndex((n) => n.toLowerCase() === 'label') : -1;
  return byName >= 0 ? byName : names.length - 1;
}

/**
 * The classes of `labels` in a stable order: numerically when every label is a number (so
 * "10" comes after "9"), else alphabetically.
 */
export function classesOf(labels: readonly string[]): string[] {
  const unique = [...new Set(labels)];
  if (unique.every(isNumeric)) return unique.sort((a, b) => Number(a) - Number(b));
  return unique.sort();
}
