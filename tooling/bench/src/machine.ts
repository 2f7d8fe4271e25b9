import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** What the figures were measured on: they are only comparable within one machine and run. */
export function machineInfo(): Record<string, string> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: String(cpu.length),
    memory: `${Math.round(totalmem() / 1024 ** 3)} GiB`,
    os: osName(),
    node: process.version,
    v8: process.versions.v8,
    loadAverage: loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
  };
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /PRETTY_NAME="([^"]+)"/.exec(release)?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}
