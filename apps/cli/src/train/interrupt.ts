// Ctrl-C during training: the first SIGINT aborts `fit` between two batches (so the model and
// optimizer are consistent and a checkpoint can be taken); a second one quits at once.
import type { Callback, History, TrainContext, TrainingCheckpoint } from '@nabla/train';
import { EXIT_INTERRUPTED } from '../errors.js';

export class Interrupt {
  readonly controller = new AbortController();
  #uninstall: (() => void) | null = null;

  /** Listens for SIGINT until `uninstall`; `onFirst` tells the user what happens next. */
  install(onFirst: () => void, onSecond: () => void): void {
    const handler = () => {
      if (!this.controller.signal.aborted) {
        this.controller.abort();
        onFirst();
      } else {
        onSecond();
        process.exit(EXIT_INTERRUPTED);
      }
    };
    process.on('SIGINT', handler);
    this.#uninstall = () => process.off('SIGINT', handler);
  }

  uninstall(): void {
    this.#uninstall?.();
    this.#uninstall = null;
  }

  get interrupted(): boolean {
    return this.controller.signal.aborted;
  }
}

/** Takes the resumable checkpoint when a run ends by abort (fit's way to stop mid-epoch). */
export class CheckpointOnAbort implements Callback {
  readonly name = 'CheckpointOnAbort';
  checkpoint: TrainingCheckpoint | null = null;

  onTrainEnd(ctx: TrainContext, history: History): void {
    if (history.stop.reason === 'aborted') this.checkpoint = ctx.checkpoint();
  }
}
