import { NablaError } from '@nabla/tensor';

/**
 * A safetensors file that cannot be read (or a state dict that cannot be written). `offset` is
 * the byte offset into the file of the first problem found, so a hex dump shows where to look.
 */
export class SafetensorsError extends NablaError {
  /** Byte offset into the file of the first problem (0 for the header-length field). */
  readonly offset: number;

  constructor(op: string, offset: number, message: string) {
    super(op, offset >= 0 ? `at byte ${offset}: ${message}` : message);
    this.offset = offset;
  }
}

/** One thing wrong with a state dict passed to `loadStateDict`. */
export interface StateDictProblem {
  kind: 'missing' | 'unexpected' | 'shape' | 'dtype' | 'not-a-tensor';
  key: string;
  /** What the module has, e.g. `[3,4] float32` (absent for unexpected keys). */
  expected?: string;
  /** What the state dict has (absent for missing keys). */
  actual?: string;
}

/**
 * `loadStateDict` refused a state dict. Every problem is listed (not only the first), grouped as
 * PyTorch groups them: missing keys, unexpected keys, then size and dtype mismatches.
 */
export class StateDictError extends NablaError {
  readonly problems: readonly StateDictProblem[];
  readonly missingKeys: readonly string[];
  readonly unexpectedKeys: readonly string[];

  constructor(op: string, problems: readonly StateDictProblem[]) {
    super(op, describeProblems(problems));
    this.problems = problems;
    this.missingKeys = problems.filter((p) => p.kind === 'missing').map((p) => p.key);
    this.unexpectedKeys = problems.filter((p) => p.kind === 'unexpected').map((p) => p.key);
  }
}

function describeProblems(problems: readonly StateDictProblem[]): string {
  const lines: string[] = ['the state dict does not fit this module:'];
  const keys = (kind: StateDictProblem['kind']) =>
    problems.filter((p) => p.kind === kind).map((p) => JSON.stringify(p.key));
  const missing = keys('missing');
  const unexpected = keys('unexpected');
  if (missing.length > 0) lines.push(`  missing keys: ${missing.join(', ')}`);
  if (unexpected.length > 0) {
    lines.push(`  unexpected keys: ${unexpected.join(', ')} (pass { strict: false } to skip them)`);
  }
  for (const p of problems) {
    if (p.kind === 'shape' || p.kind === 'dtype') {
      lines.push(
        `  ${p.kind} mismatch for ${JSON.stringify(p.key)}: module has ${p.expected}, state dict has ${p.actual}`,
      );
    } else if (p.kind === 'not-a-tensor') {
      lines.push(`  ${JSON.stringify(p.key)} is ${p.actual}, not a Tensor`);
    }
  }
  if (problems.some((p) => p.kind === 'dtype')) {
    lines.push('  convert the model first with model.to(dtype) so the dtypes agree');
  }
  return lines.join('\n');
}
