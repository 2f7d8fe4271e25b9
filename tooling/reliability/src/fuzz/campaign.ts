// A fuzz campaign: inputs drawn from a fast-check arbitrary in seeded batches, run by the
// watched worker, every report checked against the promises (a result or a typed error, in
// bounded time and memory, prototypes untouched) and summed up as figures.
import fc from 'fast-check';
import type { Figure } from '../figures.js';
import { minimise } from './minimise.js';
import { FuzzWorker, type InputReport, type Outcome } from './pool.js';

export interface CampaignOptions {
  /** The worker's name for the parser (see targets.mjs). */
  readonly target: string;
  readonly arbitrary: fc.Arbitrary<Uint8Array>;
  readonly count: number;
  readonly seed: number;
  /**
   * Memory a parser may hold per input byte (typed arrays and buffers, beyond a fixed 1 MiB):
   * what the format lets a file of that size describe.
   */
  readonly bytesPerInputByte: number;
  /** An input without an answer after this long is a hang. */
  readonly hangMs?: number;
  /** How a failing input is made smaller before it is reported; default: byte deletion. */
  readonly shrink?: (input: Uint8Array) => Iterable<Uint8Array>;
}

export interface Failure {
  readonly outcome: Outcome | 'memory';
  readonly errorClass: string;
  readonly message: string;
  /** The smallest input found that fails the same way. */
  readonly input: Uint8Array;
}

export interface CampaignReport {
  readonly target: string;
  readonly tried: number;
  readonly results: number;
  /** Results by kind, where the target tells kinds apart (a command line's exit code). */
  readonly resultKinds: ReadonlyMap<string, number>;
  /** Typed errors by class name. */
  readonly typed: ReadonlyMap<string, number>;
  readonly failures: readonly Failure[];
  /** Failing inputs beyond the first few kept in `failures`. */
  readonly moreFailures: number;
  readonly slowestMs: number;
  readonly slowestSize: number;
  readonly largestExternal: number;
  readonly largestExternalSize: number;
  readonly largestHeap: number;
  /** Largest external growth over max(input size, 1 KiB): the allocation bound's figure. */
  readonly worstRatio: number;
  readonly largestInput: number;
  readonly seconds: number;
}

const SLACK_BYTES = 1 << 20;
const BATCH = 250;
const KEEP_FAILURES = 10;

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const { target, arbitrary, count, seed, bytesPerInputByte } = options;
  const worker = new FuzzWorker(options.hangMs ?? 5_000);
  const started = performance.now();
  const typed = new Map<string, number>();
  const resultKinds = new Map<string, number>();
  const failures: Failure[] = [];
  let moreFailures = 0;
  let results = 0;
  let slowest = { ms: 0, size: 0 };
  let largest = { external: 0, size: 0 };
  let largestHeap = 0;
  let worstRatio = 0;
  let largestInput = 0;
  try {
    for (let done = 0, batch = 0; done < count; batch++) {
      const inputs = fc.sample(arbitrary, {
        numRuns: Math.min(BATCH, count - done),
        seed: seed + batch,
      });
      const reports = await worker.run(target, inputs);
      for (const [i, report] of reports.entries()) {
        const input = inputs[i]!;
        largestInput = Math.max(largestInput, input.length);
        if (report.ms > slowest.ms) slowest = { ms: report.ms, size: report.size };
        if (report.external > largest.external) {
          largest = { external: report.external, size: report.size };
        }
        largestHeap = Math.max(largestHeap, report.heap);
        worstRatio = Math.max(worstRatio, report.external / Math.max(report.size, 1024));
        const failure = judge(report, bytesPerInputByte);
        if (failure === undefined) {
          if (report.outcome === 'result') {
            results++;
            if (report.kind) resultKinds.set(report.kind, (resultKinds.get(report.kind) ?? 0) + 1);
          } else typed.set(report.errorClass, (typed.get(report.errorClass) ?? 0) + 1);
          continue;
        }
        if (failures.length >= KEEP_FAILURES) {
          moreFailures++;
          continue;
        }
        const same = (r: InputReport) => {
          const f = judge(r, bytesPerInputByte);
          return (
            f !== undefined && f.outcome === failure.outcome && r.errorClass === report.errorClass
          );
        };
        const small = await minimise(input, options.shrink, async (candidate) =>
          same((await worker.run(target, [candidate]))[0]!),
        );
        failures.push({ ...failure, errorClass: report.errorClass, input: small });
      }
      done += inputs.length;
    }
  } finally {
    await worker.close();
  }
  return {
    target,
    tried: count,
    results,
    resultKinds,
    typed,
    failures,
    moreFailures,
    slowestMs: slowest.ms,
    slowestSize: slowest.size,
    largestExternal: largest.external,
    largestExternalSize: largest.size,
    largestHeap,
    worstRatio,
    largestInput,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The broken promise of one report, if any. */
function judge(
  report: InputReport,
  bytesPerInputByte: number,
): Omit<Failure, 'input' | 'errorClass'> | undefined {
  if (report.outcome !== 'result' && report.outcome !== 'typed') {
    return { outcome: report.outcome, message: report.message };
  }
  const bound = bytesPerInputByte * report.size + SLACK_BYTES;
  if (report.external > bound) {
    return {
      outcome: 'memory',
      message: `held ${report.external} bytes for a ${report.size}-byte input (bound ${bound})`,
    };
  }
  return undefined;
}

/** The campaign as rows of the figures table. */
export function campaignFigures(name: string, report: CampaignReport): Figure[] {
  const typed = [...report.typed.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([cls, n]) => `${cls} ${n.toLocaleString('en-US')}`)
    .join(', ');
  const failures = report.failures.length + report.moreFailures;
  return [
    { name: `${name}: inputs tried`, value: report.tried, unit: 'inputs' },
    {
      name: `${name}: parsed`,
      value: report.results,
      unit: 'inputs',
      note: [...report.resultKinds.entries()]
        .sort()
        .map(([kind, n]) => `${kind}: ${n.toLocaleString('en-US')}`)
        .join(', '),
    },
    {
      name: `${name}: typed errors`,
      value: report.tried - report.results - failures,
      unit: 'inputs',
      note: typed,
    },
    {
      name: `${name}: failures (untyped error, hang, crash, pollution, memory)`,
      value: failures,
      note: report.failures
        .slice(0, 3)
        .map((f) => `${f.outcome} ${f.errorClass}: ${f.message.slice(0, 120)}`)
        .join(' / '),
    },
    {
      name: `${name}: slowest input`,
      value: Number(report.slowestMs.toFixed(1)),
      unit: 'ms',
      note: `a ${report.slowestSize}-byte input; largest input ${report.largestInput} bytes`,
    },
    {
      name: `${name}: largest allocation`,
      value: report.largestExternal,
      unit: 'bytes',
      note: `outside the heap, for a ${report.largestExternalSize}-byte input; at most ${report.worstRatio.toFixed(1)} bytes per input byte (per KiB floor); heap growth at most ${report.largestHeap} bytes`,
    },
    { name: `${name}: run time`, value: Number(report.seconds.toFixed(1)), unit: 's' },
  ];
}
