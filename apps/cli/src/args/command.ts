// What every subcommand shares: --debug, examples at the end of its help, and the usage
// line printed after a flag error.
import type { Command } from 'commander';

export function withCommonOptions(command: Command, examples: readonly string[]): Command {
  command.option('--debug', 'print the stack trace of an error', false);
  command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  return command;
}

/** After a flag error: the usage line and where to read more, not the whole help. */
export function usageHint(command: Command): string {
  const path: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) path.unshift(c.name());
  const name = path.join(' ');
  return `Usage: ${name} ${command.usage()}\nRun '${name} --help' for the options and examples.`;
}
