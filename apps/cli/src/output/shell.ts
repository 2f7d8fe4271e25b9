/** Quotes a word for a POSIX shell when it needs it, so printed commands can be pasted. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** How the user started this program, for commands printed back to them ("Resume with: …"). */
export function invocation(): string {
  return process.env.npm_lifecycle_event === 'nabla' ? 'pnpm nabla' : 'nabla';
}
