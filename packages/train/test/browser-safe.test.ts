// The main entry point runs in browsers: nothing it imports, however indirectly, may touch
// node: modules or another package's node entry point. Only @nabla/train/node may.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const src = resolve(import.meta.dirname, '../src');

/** Every import specifier of `file` and, for relative ones, of the files they lead to. */
function importsFrom(file: string, seen = new Set<string>()): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map(
      (m) => m[1]!,
    );
    found.set(path, specifiers);
    for (const s of specifiers) {
      if (s.startsWith('.')) visit(join(dirname(path), s.replace(/\.js$/, '.ts')));
    }
  };
  visit(file);
  return found;
}

test('@nabla/train imports nothing Node-only', () => {
  const graph = importsFrom(join(src, 'index.ts'));
  expect(graph.size).toBeGreaterThan(20);
  const offending = [...graph].flatMap(([file, specifiers]) =>
    specifiers
      .filter((s) => s.startsWith('node:') || /^@nabla\/[a-z-]+\/node$/.test(s))
      .map((s) => `${file.slice(src.length + 1)} imports ${s}`),
  );
  expect(offending).toEqual([]);
});

test('@nabla/train/node is where the file system is used', () => {
  const graph = importsFrom(join(src, 'node.ts'));
  const all = [...graph.values()].flat();
  expect(all).toContain('@nabla/nn/node');
  expect(all).toContain('node:fs/promises');
});
