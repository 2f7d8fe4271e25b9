// `nabla`'s real program (every command, option, value parser and error hint) with each action
// replaced by one that only checks what the real action checks before doing any work, so a
// fuzzed argument vector never trains, downloads or writes anything.
import { buildProgram } from 'nabla/dist/cli.js';
import { activationFromFlag } from 'nabla/dist/commands/activation.js';
import { resolveRunConfig } from 'nabla/dist/train/config.js';

/** @type {typeof buildProgram} */
export function stubbedProgram(io, setExit) {
  const program = buildProgram(io, setExit);
  /** @param {import('commander').Command} command */
  const stub = (command) => {
    command.action((...args) => {
      const cmd = /** @type {import('commander').Command} */ (args.at(-1));
      if (command.name() === 'train') {
        // The real action's first steps: the activation's name, then the run's defaults.
        const raw = cmd.opts();
        resolveRunConfig({ ...raw, activation: activationFromFlag(raw.activation) }, 'image');
      }
      setExit(0);
    });
    command.commands.forEach(stub);
  };
  program.commands.forEach(stub);
  return program;
}
