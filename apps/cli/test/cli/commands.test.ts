// gradcheck, data, bench, --help and --version.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonLines, nabla, SHARED_MNIST } from './nabla.js';

describe.concurrent('nabla gradcheck', () => {
  it('checks every op and loss and passes', async () => {
    const run = await nabla(['gradcheck']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/op\s+family\s+entries\s+max abs error\s+max rel error\s+pass/);
    for (const op of [
      'matmul',
      'crossEntropy',
      'logSoftmax',
      'gather',
      'huberLoss',
      'mlp → crossEntropy',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^${op.replace(/[()]/g, '\\$&')}\\s.*\\syes$`, 'm'));
    }
    expect(run.stdout).not.toMatch(/\sNO$/m);
    expect(run.stdout).toMatch(/All \d+ gradients agree with numeric differences\./);
  });

  it('prints JSON lines with --json', async () => {
    const run = await nabla(['gradcheck', '--filter', 'softmax', '--json']);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines.slice(0, -1)) {
      expect(line).toMatchObject({ type: 'gradcheck', pass: true });
      expect(line.maxAbsError).toBeLessThan(1e-5);
    }
    expect(lines.at(-1)).toMatchObject({ type: 'summary', failed: 0 });
  });
});

describe.concurrent('nabla data', () => {
  it('lists the data sets', async () => {
    const run = await nabla(['data', 'list']);
    expect(run.code).toBe(0);
    for (const name of ['mnist-sample', 'mnist', 'fashion-mnist', 'circles', 'spiral']) {
      expect(run.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    }
    expect(run.stdout).toMatch(/mnist-sample\s+image\s+10\s+10,000\s+2,000\s+embedded/);
  });

  it('verifies the checksums of MNIST files: a corrupt one is flagged, real ones pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabla-cli-corrupt-'));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), 'not the real file');
    const corrupt = await nabla(['data', 'info', 'mnist', '--data-dir', dir, '--json']);
    expect(corrupt.code).toBe(0);
    const [bad] = jsonLines(corrupt.stdout);
    const badFiles = bad!.files as { name: string; verified: boolean | null }[];
    expect(badFiles.map((f) => f.verified)).toEqual([null, false, null, null]);

    if (SHARED_MNIST === null) return; // the real files are not on this machine
    const run = await nabla(['data', 'info', 'mnist', '--data-dir', SHARED_MNIST, '--json']);
    expect(run.code).toBe(0);
    const [info] = jsonLines(run.stdout);
    const files = info!.files as { name: string; verified: boolean; sha256: string }[];
    expect(files.map((f) => f.name)).toEqual([
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
    ]);
    expect(files.every((f) => f.verified)).toBe(true);
    expect(info!.mirrors).toHaveLength(2);
    const download = await nabla(['data', 'download', 'mnist', '--data-dir', SHARED_MNIST]);
    expect(download.code).toBe(0);
    expect(download.stdout).toContain('every SHA-256 verified');
  });

  it('describes data sets and their cache location', async () => {
    const run = await nabla(['data', 'info', 'fashion-mnist']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Ankle boot');
    expect(run.stdout).toMatch(/directory .*nabla-cli-test-home\/fashion-mnist/);
    expect(run.stdout).toMatch(/train-images-idx3-ubyte\.gz\s+[0-9a-f]{64}\s+–\s+missing/);
  });

  it('has nothing to download for embedded and generated sets', async () => {
    const run = await nabla(['data', 'download', 'mnist-sample']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'mnist-sample is embedded in @nabla/datasets: nothing to download.',
    );
  });
});

describe.concurrent('nabla bench', () => {
  it("--help lists pnpm bench's options", async () => {
    const run = await nabla(['bench', '--help']);
    expect(run.code).toBe(0);
    for (const option of [
      '--quick',
      '--no-peers',
      '--docs',
      '--no-docs',
      '--json <file>',
      '--dry-run',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${option}\\s`, 'm'));
    }
  });

  // A real run takes from half a minute (--quick --no-peers) to many: the suite's own wiring is
  // checked here through --dry-run, which loads @nabla/bench and resolves the options.
  it('--dry-run resolves the options through the suite and measures nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabla-cli-bench-'));
    const json = join(dir, 'quick.json');
    const args = ['bench', '--quick', '--no-peers', '--no-docs', '--json', json, '--dry-run'];
    const run = await nabla(args);
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\s+pass\s+quick/m);
    expect(run.stdout).toMatch(/^\s+engines\s+Nabla only$/m);
    expect(run.stdout).toContain(`results  ${json}`);
    expect(run.stdout).toMatch(/^\s+docs\s+left alone$/m);
    expect(existsSync(json)).toBe(false);
  });

  it('outside the repository it fails with exit 1 and says where the suite is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabla-cli-alone-'));
    const run = await nabla(['bench', '--quick'], { bin: copyWithoutBench(dir) });
    rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^nabla: error: nabla bench runs the benchmark suite of the Nabla repository .*Cannot find package '@nabla\/bench'.*pnpm nabla bench/,
    );
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

/** The built CLI in a folder of its own whose node_modules has everything but @nabla/bench. */
function copyWithoutBench(dir: string): string {
  const app = fileURLToPath(new URL('../../', import.meta.url));
  cpSync(join(app, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(app, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'node_modules', '@nabla'), { recursive: true });
  for (const name of readdirSync(join(app, 'node_modules'))) {
    if (name !== '@nabla' && !name.startsWith('.'))
      symlinkSync(realpathSync(join(app, 'node_modules', name)), join(dir, 'node_modules', name));
  }
  for (const name of readdirSync(join(app, 'node_modules', '@nabla'))) {
    if (name === 'bench') continue;
    const target = realpathSync(join(app, 'node_modules', '@nabla', name));
    symlinkSync(target, join(dir, 'node_modules', '@nabla', name));
  }
  return join(dir, 'dist', 'bin.js');
}

describe.concurrent('nabla --help, --version', () => {
  const commands = [
    [],
    ['train'],
    ['eval'],
    ['predict'],
    ['gradcheck'],
    ['bench'],
    ['data'],
    ['data', 'list'],
    ['data', 'info'],
    ['data', 'download'],
  ];
  it.each(commands)('nabla %s --help has examples', async (...command: string[]) => {
    const run = await nabla([...command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: nabla${command.length ? ` ${command.join(' ')}` : ''}`);
    expect(run.stdout).toMatch(/Examples:\n\s+\$ nabla/);
  });

  it('--version prints the version of the app', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const run = await nabla(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });
});
