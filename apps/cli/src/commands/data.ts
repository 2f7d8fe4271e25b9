import { loadFashionMnist, loadMnist } from '@nabla/datasets/node';
import { Command } from 'commander';
import { usageHint, withCommonOptions } from '../args/command.js';
import { type Io, print } from '../context.js';
import {
  CATALOG,
  type CatalogEntry,
  catalogNames,
  findCatalogEntry,
  TOY_TEST_SEED,
  TOY_TRAIN_SEED,
} from '../data/catalog.js';
import { defaultRoot, fileStatuses, SPECS } from '../data/files.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { DownloadBar } from '../output/download-bar.js';
import { formatBytes, formatCount } from '../output/format.js';
import { writeJson } from '../output/json.js';
import { formatTable } from '../output/table.js';

interface DataFlags {
  dataDir?: string;
  json: boolean;
}

function entryOrThrow(name: string): CatalogEntry {
  const entry = findCatalogEntry(name);
  if (entry === undefined) {
    throw new UsageError(`unknown data set "${name}" (known: ${catalogNames()})`);
  }
  return entry;
}

export function dataCommand(io: Io, setExit: (code: number) => void): Command {
  const data = new Command('data')
    .summary('list, describe and download data sets')
    .description(
      'The data sets nabla train knows by name: what they are, where they live, their checksums.',
    );
  withCommonOptions(data, [
    'nabla data list',
    'nabla data info mnist',
    'nabla data download mnist',
  ]);

  const list = new Command('list')
    .summary('list the data sets')
    .description(
      'Lists the data sets --data accepts by name, with their sizes and whether they are on this machine.',
    )
    .option('--data-dir <dir>', 'look for mnist and fashion-mnist here instead of the cache')
    .option('--json', 'one JSON line per data set', false);
  withCommonOptions(list, ['nabla data list', 'nabla data list --json']);
  list.showHelpAfterError(usageHint(list));
  list.action(async (flags: DataFlags) => {
    const rows = [];
    for (const e of CATALOG) {
      let location: string;
      if (e.source === 'embedded') location = 'embedded in @nabla/datasets';
      else if (e.source === 'generated')
        location = `generated (seeds ${TOY_TRAIN_SEED}, ${TOY_TEST_SEED})`;
      else {
        const root = flags.dataDir ?? defaultRoot(e.name);
        const files = await fileStatuses(SPECS[e.name]!, root, false);
        const present = files.filter((f) => f.path !== null).length;
        location =
          present === files.length
            ? root
            : present === 0
              ? `not downloaded (${root})`
              : `${present} of ${files.length} files in ${root}`;
      }
      rows.push({ entry: e, location });
    }
    if (flags.json) {
      for (const { entry, location } of rows)
        writeJson(io.out, { type: 'dataset', ...entry, location });
    } else {
      print(
        io,
        formatTable(
          [
            { header: 'name', align: 'left' },
            { header: 'kind', align: 'left' },
            { header: 'classes' },
            { header: 'train' },
            { header: 'test' },
            { header: 'where', align: 'left' },
          ],
          rows.map(({ entry: e, location }) => [
            e.name,
            e.kind,
            String(e.classes.length),
            formatCount(e.trainSize),
            formatCount(e.testSize),
            location,
          ]),
        ),
      );
    }
    setExit(EXIT_OK);
  });

  const info = new Command('info')
    .summary('describe a data set')
    .description(
      'Describes a data set: its classes and sizes, and for downloadable ones the directory, mirrors, files and SHA-256 checksums (present files are verified).',
    )
    .argument('<name>', `one of ${catalogNames()}`)
    .option('--data-dir <dir>', 'look for the files here instead of the cache')
    .option('--json', 'print one JSON object', false);
  withCommonOptions(info, ['nabla data info mnist', 'nabla data info circles --json']);
  info.showHelpAfterError(usageHint(info));
  info.action(async (name: string, flags: DataFlags) => {
    const entry = entryOrThrow(name);
    const spec = SPECS[name];
    const root = spec === undefined ? null : (flags.dataDir ?? defaultRoot(name));
    const files = spec === undefined || root === null ? null : await fileStatuses(spec, root, true);
    if (flags.json) {
      writeJson(io.out, {
        type: 'dataset',
        ...entry,
        directory: root,
        mirrors: spec?.mirrors ?? null,
        files,
      });
      setExit(EXIT_OK);
      return;
    }
    const lines = [
      `${entry.name}: ${entry.description}`,
      `kind      ${entry.kind}`,
      `classes   ${entry.classes.join(', ')}`,
      `train     ${formatCount(entry.trainSize)} samples`,
      `test      ${formatCount(entry.testSize)} samples`,
    ];
    if (entry.source === 'embedded')
      lines.push('source    embedded in @nabla/datasets: no file, no network');
    if (entry.source === 'generated') {
      lines.push(
        `source    generated by @nabla/datasets with seed ${TOY_TRAIN_SEED} (train) and ${TOY_TEST_SEED} (test); --noise sets the noise`,
      );
    }
    print(io, lines.join('\n'));
    if (spec !== undefined && files !== null) {
      print(io, `directory ${root}\nmirrors   ${spec.mirrors.join(', ')}\n`);
      print(
        io,
        formatTable(
          [
            { header: 'file', align: 'left' },
            { header: 'SHA-256', align: 'left' },
            { header: 'size' },
            { header: 'status', align: 'left' },
          ],
          files.map((f) => [
            f.name,
            f.sha256,
            f.bytes === null ? '–' : formatBytes(f.bytes),
            f.path === null ? 'missing' : f.verified ? 'verified' : 'CHECKSUM MISMATCH',
          ]),
        ),
      );
    }
    setExit(EXIT_OK);
  });

  const download = new Command('download')
    .summary('download a data set into the cache (or --data-dir)')
    .description(
      'Downloads the files of mnist or fashion-mnist that are missing, checks every file’s SHA-256 and writes it atomically. Files already there are verified, not downloaded again.',
    )
    .argument('<name>', 'mnist or fashion-mnist')
    .option('--data-dir <dir>', 'download here instead of the cache')
    .option('--json', 'print JSON lines', false);
  withCommonOptions(download, [
    'nabla data download mnist',
    'nabla data download fashion-mnist --data-dir data/fashion',
  ]);
  download.showHelpAfterError(usageHint(download));
  download.action(async (name: string, flags: DataFlags) => {
    const entry = entryOrThrow(name);
    if (entry.source !== 'download') {
      const how =
        entry.source === 'embedded' ? 'is embedded in @nabla/datasets' : 'is generated on the fly';
      if (flags.json) writeJson(io.out, { type: 'download', name, downloaded: false, reason: how });
      else print(io, `${name} ${how}: nothing to download.`);
      setExit(EXIT_OK);
      return;
    }
    const root = flags.dataDir ?? defaultRoot(name);
    const bars = flags.json ? null : new DownloadBar(io.err);
    const load = name === 'mnist' ? loadMnist : loadFashionMnist;
    try {
      await load({
        root,
        download: true,
        onProgress: (p) => {
          if (bars !== null) bars.update(p);
          else
            writeJson(io.out, {
              type: 'progress',
              file: p.file,
              received: p.received,
              total: p.total ?? null,
            });
        },
      });
    } finally {
      bars?.stop();
    }
    const files = await fileStatuses(SPECS[name]!, root, false);
    if (flags.json)
      writeJson(io.out, { type: 'download', name, downloaded: true, directory: root, files });
    else print(io, `${name}: ${files.length} files in ${root}, every SHA-256 verified.`);
    setExit(EXIT_OK);
  });

  data.addCommand(list);
  data.addCommand(info);
  data.addCommand(download);
  return data;
}
