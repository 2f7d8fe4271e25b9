// Argument vectors for the fuzzer, built from the real program: its command and subcommand
// names and each command's own flags (read from `buildProgram`, so a new flag is fuzzed the day
// it is added), mixed with flags of other commands, unknown and short flags, `--flag=value`,
// and values that are junk, hostile numbers, huge, negative, empty, unicode or flag-like.
import fc from 'fast-check';
import { buildProgram } from 'nabla/dist/cli.js';
import type { Io } from 'nabla/dist/context.js';
import { hostileKey, hostileNumber } from '../hostile-json.js';

interface CommandShape {
  readonly path: readonly string[];
  readonly flags: readonly string[];
  readonly choices: readonly string[];
}

function commandShapes(): CommandShape[] {
  const silent = { write: () => true } as unknown as Io['out'];
  const program = buildProgram({ out: silent, err: silent as Io['err'] }, () => {});
  const shapes: CommandShape[] = [];
  const walk = (command: typeof program, path: string[]) => {
    const flags = command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f));
    const choices = command.options.flatMap((o) => o.argChoices ?? []);
    shapes.push({ path, flags, choices });
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return shapes;
}

const shapes = commandShapes();
const allFlags = [...new Set(shapes.flatMap((s) => s.flags))];
const allChoices = [...new Set(shapes.flatMap((s) => s.choices))];

const value = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '1',
      '0',
      '10',
      '0.5',
      '1e-3',
      '256,128',
      'none',
      'model.safetensors',
      'circles',
      'mnist',
    ),
  },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(...allChoices) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '-1',
      '+1',
      '1.5',
      '1e400',
      '9'.repeat(400),
      '1,,2',
      ',',
      'a,b',
      '0,0,0,0,0',
    ),
  },
  { weight: 1, arbitrary: hostileKey },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '--',
      '-',
      '--=',
      '---x',
      '-h',
      '--help',
      '--version',
      '--json',
      '--debug',
    ),
  },
);

const token = (flags: readonly string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: flags.length > 0 ? fc.constantFrom(...flags) : fc.constant('--help') },
    { weight: 4, arbitrary: value },
    { weight: 2, arbitrary: fc.constantFrom(...allFlags) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...(flags.length > 0 ? flags : allFlags)), value)
        .map(([f, v]) => `${f}=${v}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('--no-such-flag', '-x', '-vh', '--lr--lr', '--EPOCHS', '—epochs'),
    },
  );

/** An argument vector: a command path (or junk in its place), then tokens. */
export const argvs: fc.Arbitrary<string[]> = fc
  .tuple(fc.constantFrom(...shapes), fc.nat(9), fc.string({ maxLength: 8 }))
  .chain(([shape, mangle, junk]) => {
    const path = mangle === 0 ? [junk] : mangle === 1 ? shape.path.slice(0, -1) : shape.path;
    return fc.array(token(shape.flags), { maxLength: 10 }).map((tokens) => [...path, ...tokens]);
  });

export const argvInputs: fc.Arbitrary<Uint8Array> = argvs.map((argv) =>
  new TextEncoder().encode(JSON.stringify(argv)),
);

/** Shrinks an argument vector by dropping one argument at a time. */
export function* dropArguments(input: Uint8Array): Iterable<Uint8Array> {
  const argv = JSON.parse(new TextDecoder().decode(input)) as string[];
  for (let i = argv.length - 1; i >= 0; i--) {
    yield new TextEncoder().encode(JSON.stringify(argv.filter((_, k) => k !== i)));
  }
}
