// The `nabla` program: its subcommands, and how anything that goes wrong becomes one line on
// stderr and an exit code (2 for usage errors, 1 for failures), with a stack trace only under
// --debug.
import { Command, CommanderError } from 'commander';
import { usageHint } from './args/command.js';
import { benchCommand } from './commands/bench.js';
import { dataCommand } from './commands/data.js';
import { evalCommand } from './commands/eval.js';
import { gradcheckCommand } from './commands/gradcheck.js';
import { predictCommand } from './commands/predict.js';
import { trainCommand } from './commands/train.js';
import type { Io } from './context.js';
import { describeError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeOf, oneLine } from './errors.js';
import { jsonLine } from './output/json.js';
import { version } from './version.js';

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('nabla')
    .description(
      'Nabla from a terminal: train multi-layer perceptrons, evaluate them, classify images and points, check gradients, manage data sets.',
    )
    .version(version(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help (for a command: nabla <command> --help)')
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => io.err.write(s),
      outputError: (s, write) => write(`nabla: ${s}`),
    })
    .showSuggestionAfterError(true)
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  $ nabla train                                   train on the MNIST sample shipped with Nabla
  $ nabla train --data mnist --download --report report.html
  $ nabla eval model.safetensors
  $ nabla predict model.safetensors digit.png
  $ nabla gradcheck
  $ nabla data list

Exit codes: 0 success, 1 failure, 2 usage error, 130 interrupted (Ctrl-C).`,
  );
  for (const make of [
    trainCommand,
    evalCommand,
    predictCommand,
    gradcheckCommand,
    benchCommand,
    dataCommand,
  ]) {
    const command = make(io, setExit);
    // Subcommands share the root's output, error handling and exit behaviour.
    command.configureOutput(program.configureOutput()).exitOverride();
    for (const sub of command.commands)
      sub.configureOutput(program.configureOutput()).exitOverride();
    program.addCommand(command);
  }
  // After a flag error, each command prints its usage line (its full name is known only now).
  program.showHelpAfterError("Run 'nabla --help' for the commands and examples.");
  const hint = (c: Command) => {
    c.showHelpAfterError(usageHint(c));
    c.commands.forEach(hint);
  };
  program.commands.forEach(hint);
  return program;
}

/**
 * Runs `nabla` with `argv` (the arguments after the program name); returns the exit code.
 * `build` makes the program; the argument fuzzer passes one whose actions are replaced, to
 * exercise argument parsing and error reporting alone.
 */
export async function main(
  argv: readonly string[],
  io: Io,
  build: typeof buildProgram = buildProgram,
): Promise<number> {
  let code = EXIT_OK;
  const debug = argv.includes('--debug');
  // `nabla bench --json FILE` names its results file; it does not turn stdout into JSON lines.
  const json = argv.includes('--json') && argv.find((a) => !a.startsWith('-')) !== 'bench';
  try {
    await build(io, (c) => {
      code = c;
    }).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (and the usage hint) already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
        return EXIT_OK;
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') {
        return EXIT_USAGE;
      }
      if (error.exitCode === 0) return EXIT_OK;
      // A flag error is an error like any other for a program reading --json output.
      if (json) {
        const message = oneLine(error.message.replace(/^error: /, ''));
        io.out.write(`${jsonLine({ type: 'error', message, exitCode: EXIT_USAGE })}\n`);
      }
      return EXIT_USAGE;
    }
    const message = describeError(error);
    io.err.write(`nabla: error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.err.write(`${error.stack}\n`);
    const exit = exitCodeOf(error);
    if (json) io.out.write(`${jsonLine({ type: 'error', message, exitCode: exit })}\n`);
    return exit === EXIT_OK ? EXIT_FAILURE : exit;
  }
}
