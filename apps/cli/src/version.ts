import { readFileSync } from 'node:fs';

/** The version in this app's package.json (dist/version.js → ../package.json). */
export function version(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
