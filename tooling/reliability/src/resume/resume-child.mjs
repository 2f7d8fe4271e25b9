// Resumes a checkpointed run of the exact-resume test in a fresh process, on fresh objects
// built from the configuration (with other initial weights: everything must come from the
// checkpoint), and prints the SHA-256 of its final weights, History and end state as JSON.
//
//   node resume-child.mjs <configuration as JSON> <checkpoint file>
import { fit } from '@nabla/train';
import { loadCheckpoint } from '@nabla/train/node';
import { historyBytes, sha256, weightBytes } from '../determinism/digest.mjs';
import { buildRun, stateBytes } from './recipe.mjs';

const [config, path] = process.argv.slice(2);
const run = buildRun(JSON.parse(config), 987);
const history = await fit(run.model, {
  ...run.options,
  callbacks: [run.early],
  resume: await loadCheckpoint(path),
});
process.stdout.write(
  `${JSON.stringify({
    weights: sha256(weightBytes(run.model)),
    history: sha256(historyBytes(history)),
    state: sha256(stateBytes(run)),
  })}\n`,
);
