// A progress bar for downloads on stderr, drawn only when stderr is a terminal.
import type { DownloadProgress } from '@nabla/datasets/node';
import { Presets, SingleBar } from 'cli-progress';
import { formatBytes } from './format.js';

export class DownloadBar {
  readonly #stream: NodeJS.WriteStream;
  #bar: SingleBar | null = null;
  #file = '';

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
  }

  update(p: DownloadProgress): void {
    if (this.#stream.isTTY !== true) return;
    if (this.#bar === null || this.#file !== p.file) {
      this.stop();
      this.#file = p.file;
      this.#bar = new SingleBar(
        {
          stream: this.#stream,
          format: 'downloading {file} {bar} {received} of {size}',
          hideCursor: true,
          clearOnComplete: true,
          barsize: 24,
        },
        Presets.shades_classic,
      );
      this.#bar.start(p.total ?? Math.max(1, p.received), 0, {
        file: p.file,
        received: '0 B',
        size: '?',
      });
    }
    this.#bar.setTotal(p.total ?? Math.max(1, p.received));
    this.#bar.update(p.received, {
      file: p.file,
      received: formatBytes(p.received),
      size: p.total === undefined ? '?' : formatBytes(p.total),
    });
  }

  stop(): void {
    this.#bar?.stop();
    this.#bar = null;
  }
}
