// Pick-and-choose installs: each library package, packed as npm would publish it, installs with
// plain npm into a project outside the workspace and works on its own (its smoke script runs with
// only it and its @nabla dependencies installed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const smokeDir = resolve(import.meta.dirname, '../smoke');

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
}

const libraries = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    file: join(root, 'packages', dir, 'package.json'),
  }))
  .filter(({ file }) => existsSync(file))
  .map(({ dir, file }) => ({ dir, manifest: JSON.parse(readFileSync(file, 'utf8')) as Manifest }))
  .filter(({ manifest }) => !manifest.private);

const shortName = (name: string) => name.replace('@nabla/', '');

let work: string;
const tarballs = new Map<string, string>();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'nabla-pack-'));
  for (const { dir, manifest } of libraries) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', work], {
      cwd: dir,
      encoding: 'utf8',
    });
    const tgz = out.trim().split('\n').pop()!.trim();
    tarballs.set(manifest.name, resolve(work, tgz));
  }
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The package and, transitively, the @nabla packages it depends on. */
function closure(name: string): string[] {
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    const lib = libraries.find((l) => l.manifest.name === n);
    for (const dep of Object.keys(lib?.manifest.dependencies ?? {})) {
      if (dep.startsWith('@nabla/')) visit(dep);
    }
  };
  visit(name);
  return [...seen];
}

describe('packed packages install with npm outside the workspace', () => {
  it('finds the library packages', () => {
    expect(libraries.map((l) => l.manifest.name)).toContain('@nabla/tensor');
  });

  for (const { manifest } of libraries) {
    it(`${manifest.name} has a smoke script`, () => {
      expect(existsSync(join(smokeDir, `${shortName(manifest.name)}.mjs`))).toBe(true);
    });

    it(`${manifest.name} installs from its tarball and runs`, () => {
      const project = mkdtempSync(join(work, `${shortName(manifest.name)}-`));
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }),
      );
      const deps = closure(manifest.name).map((n) => tarballs.get(n)!);
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...deps], {
        cwd: project,
        stdio: 'pipe',
      });
      const smoke = readFileSync(join(smokeDir, `${shortName(manifest.name)}.mjs`), 'utf8');
      writeFileSync(join(project, 'smoke.mjs'), smoke);
      const output = execFileSync('node', ['smoke.mjs'], { cwd: project, encoding: 'utf8' });
      expect(output).toContain(`${manifest.name} ok`);
      // The packed files are the built ones: no sources of tests, declarations present.
      const installed = join(project, 'node_modules', ...manifest.name.split('/'));
      expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true);
      expect(existsSync(join(installed, 'dist', 'index.js'))).toBe(true);
    });
  }
});
