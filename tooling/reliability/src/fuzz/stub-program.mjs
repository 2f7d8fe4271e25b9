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
    // Only commands that run something have an action; a group such as `data` must keep none,
    // or commander would take `nabla data junk` as the group's argument, not an unknown command.
    if (command.commands.length > 0) {
      command.commands.forEach(stub);
      return;
    }
    command.action((...args) => {
      const cmd = /** @type {import('commander').Command} */ (args.at(-1));
      if (command.name() === 'train') {
        // The real action's first steps: the activation's name, then the run's defaults.
        const raw = cmd.opts();
        resolveRunConfig({ ...raw, activation: activationFromFlag(raw.activation) }, 'image');
      }
      setExit(0);
    });
  };
  program.commands.forEach(stub);
  return program;
}
