// The built playground (apps/playground/dist, which turbo builds before these tests) carries a
// Content-Security-Policy that allows this origin only, WebAssembly compilation and nothing
// inline, and none of its files loads anything from another origin.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordFigures } from '../figures.js';

const dist = fileURLToPath(new URL('../../../../apps/playground/dist/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The policy of the page's meta tag, directive by directive. */
function policyOf(html: string): Map<string, string[]> {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  expect(meta, 'index.html has a Content-Security-Policy meta tag').not.toBeNull();
  return new Map(
    meta![1]!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== '')
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** XML namespace names are identifiers that happen to look like URLs; nothing fetches them. */
const NAMESPACE =
  /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1998\/Math\/MathML|1999\/xlink|XML\/1998\/namespace|2000\/xmlns\/)/;

describe('the built playground', () => {
  it('sets a strict policy and loads nothing from other origins', () => {
    const index = join(dist, 'index.html');
    expect(existsSync(index), 'build it: pnpm turbo run build --filter=@nabla/playground').toBe(
      true,
    );
    const html = readFileSync(index, 'utf8');
    const policy = policyOf(html);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    // WebAssembly.compile needs 'wasm-unsafe-eval'; nothing else may evaluate strings.
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    for (const [directive, sources] of policy) {
      for (const source of sources) {
        expect(source, `${directive} allows ${source}`).not.toMatch(/^(https?:|\*|'unsafe-)/);
      }
    }
    // The policy allows no inline script: every <script> has a same-origin src.
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="\.\//);
    for (const attr of html.match(/\s(src|href)="[^"]*"/g) ?? []) {
      expect(attr).toMatch(/="(\.\/|data:)/);
    }

    const all = files(dist);
    const external: string[] = [];
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      for (const url of text.match(/\bhttps?:\/\/[^\s"'`)<>]+/g) ?? []) {
        if (!NAMESPACE.test(url)) external.push(`${file.slice(dist.length)}: ${url}`);
      }
      // Protocol-relative references (//host/x) in markup or CSS.
      for (const url of text.match(/(src|href)=["']\/\/[^"']+|url\(\s*["']?\/\/[^)]+/g) ?? []) {
        external.push(`${file.slice(dist.length)}: ${url}`);
      }
    }
    recordFigures('validation-playground-csp', 'Security: playground policy', [
      {
        name: 'Content-Security-Policy directives',
        value: policy.size,
        note: [...policy].map(([d, s]) => `${d} ${s.join(' ')}`).join('; '),
      },
      { name: 'built files checked for other origins', value: all.length, unit: 'files' },
      {
        name: 'references to other origins',
        value: external.length,
        note: 'XML namespace names (www.w3.org) excluded: they are never fetched',
      },
    ]);
    expect(external).toEqual([]);
  });
});
