import { Command } from 'commander';
import type { DataFlags } from '../actions/data.js';
import { withCommonOptions } from '../args/command.js';
import type { Io } from '../context.js';
import { catalogNames } from '../data/catalog.js';

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
  list.action(async (flags: DataFlags) => {
    const { runDataList } = await import('../actions/data.js');
    setExit(await runDataList(flags, io));
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
  info.action(async (name: string, flags: DataFlags) => {
    const { runDataInfo } = await import('../actions/data.js');
    setExit(await runDataInfo(name, flags, io));
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
  download.action(async (name: string, flags: DataFlags) => {
    const { runDataDownload } = await import('../actions/data.js');
    setExit(await runDataDownload(name, flags, io));
  });

  data.addCommand(list);
  data.addCommand(info);
  data.addCommand(download);
  return data;
}
