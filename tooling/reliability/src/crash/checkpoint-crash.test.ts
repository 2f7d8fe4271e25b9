// Crash safety of checkpoints and model files: a child process trains, writing a resumable
// checkpoint and the model after every step, and is killed with SIGKILL at seeded random
// moments — at a random time, or just after it announces a write. After every kill, each file
// on disk must load and be byte for byte the previous complete version or the one being
// written, never anything else; anything else in the directory must be a hidden temporary
// file. Each next child resumes from the surviving checkpoint, and when a series of killed
// runs completes, its final weights must equal those of a run never killed, bit for bit.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mlp } from '@nabla/nn';
import { loadModel } from '@nabla/nn/node';
import { Generator } from '@nabla/tensor';
import { loadCheckpoint } from '@nabla/train/node';
import { afterAll, describe, expect, it } from 'vitest';
import { budget } from '../budget.js';
import { sha256 } from '../determinism/digest.mjs';
import { recordFigures } from '../figures.js';
import { runNode, spawnNode } from './child-process.js';

const CHILD = fileURLToPath(new URL('./train-child.mjs', import.meta.url));
const KILLS = budget(5, 60);
const EPOCHS = budget(1, 4);
const CHILD_LIMIT_MS = 120_000;
const FILES = { checkpoint: 'run.ckpt', model: 'model.safetensors' } as const;
type Kind = keyof typeof FILES;
const TEMPORARY = /^\.(run\.ckpt|model\.safetensors)\.\d+\.[0-9a-f]{12}\.tmp$/;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nabla-crash-'));
  dirs.push(dir);
  return dir;
}

/** What the child announced: the last complete write of each file and one begun, if any. */
class Journal {
  readonly committed: Record<Kind, string | null> = { checkpoint: null, model: null };
  pending: Record<Kind, string | null> = { checkpoint: null, model: null };

  read(line: string): void {
    const [event, kind, , sha] = line.split(' ') as [string, Kind, string, string];
    if (event === 'begin') this.pending[kind] = sha;
    if (event === 'end') {
      this.committed[kind] = this.pending[kind];
      this.pending[kind] = null;
    }
  }
}

describe('crash safety: SIGKILL during training with a checkpoint after every step', () => {
  it(`every file on disk is a complete old or new version after ${KILLS} kills`, async () => {
    const started = performance.now();
    const referenceStart = performance.now();
    const referenceLines = await runNode(CHILD, [freshDir(), String(EPOCHS)], CHILD_LIMIT_MS);
    const referenceMs = performance.now() - referenceStart;
    const reference = referenceLines.at(-1)!;
    expect(reference).toMatch(/^done [0-9a-f]{64}$/);
    const totalSteps = referenceLines.filter((l) => l.startsWith('end model')).length;

    const random = new Generator(9);
    const figures = {
      kills: 0,
      killedInWrite: 0,
      newVersionOnDisk: 0,
      temporaryLeft: 0,
      filesChecked: 0,
      completions: 0,
      resumes: 0,
      runsUnkilled: 0,
    };
    let dir = freshDir();
    let journal = new Journal();
    let killsInSeries = 0;
    const loadsAndMatches = async (kind: Kind) => {
      const path = join(dir, FILES[kind]);
      if (!existsSync(path)) {
        // Nothing on disk is fine only if no write of it ever completed.
        expect(journal.committed[kind], `${kind} vanished`).toBeNull();
        return;
      }
      const sha = sha256(readFileSync(path));
      const allowed = [journal.committed[kind], journal.pending[kind]];
      expect(allowed, `${kind} on disk is neither the old nor the new version`).toContain(sha);
      if (kind === 'checkpoint') {
        const checkpoint = await loadCheckpoint(path);
        expect(checkpoint.step).toBeGreaterThan(0);
      } else {
        const { metadata } = await loadModel(path, mlp([2, 192, 192, 2], { dropout: 0.2 }));
        expect(Number(metadata.step)).toBeGreaterThan(0);
      }
      figures.filesChecked += 1;
      if (sha === journal.pending[kind]) {
        // The rename landed before the kill: the new version is the one to expect from now.
        figures.newVersionOnDisk += 1;
        journal.committed[kind] = sha;
      }
    };
    const seenTemporary = new Set<string>();

    // Bounded: a run that finishes before its kill counts as a trial too.
    for (let trial = 0; figures.kills < KILLS && trial < 4 * KILLS; trial++) {
      const child = spawnNode(CHILD, [dir, String(EPOCHS)], CHILD_LIMIT_MS);
      journal.pending = { checkpoint: null, model: null };
      const kill = () => child.process.kill('SIGKILL');
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Half the kills at a random moment of a run's length (start-up and the final write
      // included); half right after the k-th announced write starts, or a few ms into it.
      const atRandomTime = random.nextBelow(2) === 0;
      let writesLeft = 1 + random.nextBelow(2 * totalSteps);
      const delay = random.nextBelow(30);
      if (atRandomTime) timer = setTimeout(kill, random.nextFloat64() * referenceMs);
      child.onLine = (line) => {
        journal.read(line);
        if (line.startsWith('start ') && line !== 'start 0') figures.resumes += 1;
        if (!atRandomTime && line.startsWith('begin') && --writesLeft === 0) {
          if (delay === 0) kill();
          else timer = setTimeout(kill, delay);
        }
      };
      const exit = await child.exited;
      clearTimeout(timer);

      if (exit.signal !== 'SIGKILL') {
        // The run finished before the kill: its weights must be the reference run's.
        expect(exit.code, exit.stderr).toBe(0);
        expect(child.lines.at(-1)).toBe(reference);
        figures.runsUnkilled += 1;
        if (killsInSeries > 0) figures.completions += 1;
        dir = freshDir();
        journal = new Journal();
        killsInSeries = 0;
        continue;
      }
      figures.kills += 1;
      killsInSeries += 1;
      if (journal.pending.checkpoint !== null || journal.pending.model !== null) {
        figures.killedInWrite += 1;
      }
      await loadsAndMatches('checkpoint');
      await loadsAndMatches('model');
      for (const name of readdirSync(dir)) {
        if (name === FILES.checkpoint || name === FILES.model) continue;
        expect(name, 'an unexpected file in the run directory').toMatch(TEMPORARY);
        if (!seenTemporary.has(name)) figures.temporaryLeft += 1;
        seenTemporary.add(name);
      }
    }
    expect(figures.kills).toBe(KILLS);
    // The last series, run to its end without a kill, must still end where the reference did.
    const last = await runNode(CHILD, [dir, String(EPOCHS)], CHILD_LIMIT_MS);
    expect(last.at(-1)).toBe(reference);
    if (killsInSeries > 0) figures.completions += 1;

    expect(figures.killedInWrite).toBeGreaterThan(0);
    recordFigures('crash-checkpoints', 'Crash safety: checkpoints and model files under SIGKILL', [
      { name: 'kills (SIGKILL)', value: figures.kills, unit: 'trials' },
      {
        name: 'kills that landed during a write',
        value: figures.killedInWrite,
        unit: 'trials',
        note: 'between the child announcing a write and finishing it (encode, temp file, fsync, rename, directory fsync)',
      },
      {
        name: 'kills after which the new version was already in place',
        value: figures.newVersionOnDisk,
        unit: 'files',
      },
      {
        name: 'temporary files left by a kill',
        value: figures.temporaryLeft,
        unit: 'files',
        note: 'hidden .<name>.<pid>.<random>.tmp files; nothing reads them',
      },
      {
        name: 'files loaded and matched to the old or new version',
        value: figures.filesChecked,
        unit: 'files',
        note: 'torn or unexpected versions found: 0',
      },
      {
        name: 'killed runs resumed from the surviving checkpoint',
        value: figures.resumes,
        unit: 'runs',
      },
      {
        name: 'killed series finished with weights bit-identical to a run never killed',
        value: figures.completions,
        unit: 'series',
        note: `series of runs, each resuming the last, with at least one kill; ${totalSteps} steps, a checkpoint and the model written after each`,
      },
      {
        name: 'runs that finished before their kill',
        value: figures.runsUnkilled,
        unit: 'runs',
        note: 'also checked against the reference weights',
      },
      { name: 'time', value: Math.round((performance.now() - started) / 1000), unit: 's' },
    ]);
  });
});
