// Where a command writes: stdout for results (tables, JSON lines), stderr for progress and
// messages. Passed in rather than reached for, so every command writes through one place.

export interface Io {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WriteStream;
}

export function processIo(): Io {
  return { out: process.stdout, err: process.stderr };
}

/** Writes lines to stdout. */
export function print(io: Io, text: string): void {
  io.out.write(`${text}\n`);
}
