// Keeps docs/security.md true: no source file in the repository evaluates code from a string
// (eval, new Function, string timers, node:vm), imports a module whose name is computed, or
// writes HTML from strings in the playground. A dynamic import of a name held in a constant
// string of the same file (to hide a Node built-in from browser bundlers) is allowed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordFigures } from '../figures.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo', 'coverage', 'test-artifacts']);

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/**
 * The code of a file with comments blanked out, so prose about eval() does not count. Strings
 * stay: code assembled in a string is what this scan looks for too.
 */
export function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly text: string;
}

const RULES: readonly { rule: string; pattern: RegExp }[] = [
  // A method named eval (Module.eval(): this) is declared, not called.
  { rule: 'eval', pattern: /(?<![.\w$])eval\s*\((?![^)]*\)\s*[:{])/ },
  { rule: 'new Function', pattern: /\bnew\s+Function\s*\(/ },
  { rule: 'Function constructor', pattern: /(?<![.\w$])Function\s*\(/ },
  { rule: 'string timer', pattern: /\bset(Timeout|Interval)\s*\(\s*['"`]/ },
  { rule: 'node:vm', pattern: /['"](node:)?vm['"]/ },
];

const HTML_SINKS =
  /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML)\b|document\.write/;
const DYNAMIC_IMPORT = /(?<![.\w$])import\s*\(\s*(?:\/\*[^*]*\*\/\s*)?([^'"`\s)][^)]*)\)/g;

/** A dynamic import is safe when its argument is a literal or a constant string of the file. */
function dynamicImportFindings(file: string, code: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of code.matchAll(DYNAMIC_IMPORT)) {
    const argument = match[1]!.trim();
    const constant = new RegExp(
      `\\bconst\\s+${argument.replace(/[$]/g, '\\$')}\\s*=\\s*(['"])[^'"]*\\1`,
    );
    if (/^[\w$]+$/.test(argument) && constant.test(code)) continue;
    const line = code.slice(0, match.index).split('\n').length;
    findings.push({ file, line, rule: 'non-literal dynamic import', text: match[0] });
  }
  return findings;
}

function scan(file: string): Finding[] {
  const code = withoutComments(readFileSync(file, 'utf8'));
  const name = relative(repo, file);
  const findings = dynamicImportFindings(name, code);
  code.split('\n').forEach((text, i) => {
    for (const { rule, pattern } of RULES) {
      if (pattern.test(text)) findings.push({ file: name, line: i + 1, rule, text: text.trim() });
    }
    if (name.startsWith('apps/playground/src/') && HTML_SINKS.test(text)) {
      findings.push({ file: name, line: i + 1, rule: 'HTML from a string', text: text.trim() });
    }
  });
  return findings;
}

// This file names the patterns it looks for; it is the one file not scanned.
const self = fileURLToPath(import.meta.url);
const files = ['packages', 'apps', 'tooling', 'examples']
  .flatMap((top) => sourceFiles(join(repo, top)))
  .filter((file) => file !== self);

describe('source scan', () => {
  it('finds the rules on code that breaks them, and not in comments', () => {
    const code = withoutComments(
      [
        '// eval(x) in a comment',
        '/* new Function("x") */',
        'const a = eval(text);',
        "const f = new Function('return 1');",
        'model.eval();',
        '  eval(): this {',
        'await import(userPath);',
        "const builtin = 'node:fs';",
        'await import(builtin);',
      ].join('\n'),
    );
    const lines = code.split('\n');
    expect(RULES[0]!.pattern.test(lines[0]!)).toBe(false);
    expect(RULES[1]!.pattern.test(lines[1]!)).toBe(false);
    expect(RULES[0]!.pattern.test(lines[2]!)).toBe(true);
    expect(RULES[1]!.pattern.test(lines[3]!)).toBe(true);
    expect(RULES[0]!.pattern.test(lines[4]!)).toBe(false);
    expect(RULES[0]!.pattern.test(lines[5]!)).toBe(false);
    expect(dynamicImportFindings('x.ts', code).map((f) => f.text)).toEqual(['import(userPath)']);
  });

  it('no source file evaluates strings, imports a computed module name or writes HTML strings', () => {
    expect(files.length).toBeGreaterThan(300);
    const findings = files.flatMap(scan);
    recordFigures('validation-source-scan', 'Security: source scan', [
      {
        name: 'source files scanned',
        value: files.length,
        unit: 'files',
        note: 'packages, apps, tooling, examples; node_modules and dist left out',
      },
      {
        name: 'findings',
        value: findings.length,
        note: 'eval, new Function, Function(), string timers, node:vm, non-literal dynamic import, HTML sinks in the playground',
      },
    ]);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.text}`)).toEqual([]);
  });
});
