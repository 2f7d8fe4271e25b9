// The Classify view's training loop, off the main thread. While playing it trains for about one
// frame's time, sends a picture, and yields so pause and new settings get through at once.
import { describeError, workerScope } from '../shared/worker-scope';
import { makeData } from './data';
import type { ClassifyFrame, ClassifyReply, ClassifyRequest } from './protocol';
import { ClassifyTrainer } from './trainer';

const scope = workerScope<ClassifyRequest, ClassifyReply>();
/** Training time per picture: short enough for a smooth animation. */
const BUDGET_MS = 30;

let trainer: ClassifyTrainer | null = null;
let config: Extract<ClassifyRequest, { type: 'configure' }> | null = null;
let playing = false;
let scheduled = false;

function send(frame: ClassifyFrame): void {
  const transfer: Transferable[] = [frame.output.buffer, ...frame.units.map((u) => u.buffer)];
  if (frame.space !== null) transfer.push(frame.space.points.buffer, frame.space.lines.buffer);
  scope.postMessage({ type: 'frame', frame, playing }, transfer);
}

function rebuild(): void {
  if (config === null) return;
  const data = makeData(config.state, config.seed);
  // The view keeps its own copy of the points to draw; the trainer keeps the originals.
  scope.postMessage({
    type: 'data',
    data: {
      trainPoints: data.trainPoints.slice(),
      trainTargets: data.trainTargets.slice(),
      testPoints: data.testPoints.slice(),
      testTargets: data.testTargets.slice(),
    },
  });
  const space = trainer?.space;
  trainer = new ClassifyTrainer(config.state, config.seed, data);
  if (space !== undefined && config.state.spaceLayer === space.layer) trainer.space = space;
  send(trainer.frame());
}

function tick(): void {
  scheduled = false;
  if (!playing || trainer === null) return;
  try {
    const start = performance.now();
    do trainer.trainEpoch();
    while (performance.now() - start < BUDGET_MS);
    send(trainer.frame());
    schedule();
  } catch (e) {
    fail(e);
  }
}

function fail(e: unknown): void {
  playing = false;
  scope.postMessage({ type: 'error', message: describeError(e) });
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(tick, 0);
}

function handle(message: ClassifyRequest): void {
  switch (message.type) {
    case 'configure':
      config = message;
      rebuild();
      break;
    case 'reset':
      rebuild();
      break;
    case 'space':
      if (trainer === null) return;
      trainer.space = { layer: message.layer, units: message.units };
      send(trainer.frame());
      break;
    case 'play':
      playing = true;
      schedule();
      break;
    case 'pause':
      playing = false;
      if (trainer !== null) send(trainer.frame());
      break;
    case 'step':
      playing = false;
      if (trainer === null) return;
      trainer.trainEpoch();
      send(trainer.frame());
      break;
  }
}

scope.onmessage = (event) => {
  try {
    handle(event.data);
  } catch (e) {
    fail(e);
  }
};
