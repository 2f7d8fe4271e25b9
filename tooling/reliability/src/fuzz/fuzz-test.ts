// One parser's fuzz test: the campaign, its figures, and the assertions every parser shares.
import type fc from 'fast-check';
import { expect, it } from 'vitest';
import { budget } from '../budget.js';
import { recordFigures } from '../figures.js';
import { type CampaignReport, campaignFigures, runCampaign } from './campaign.js';

export interface FuzzSpec {
  /** The worker's target name, also the figures' area `fuzz-<target>`. */
  readonly target: string;
  readonly title: string;
  readonly arbitrary: fc.Arbitrary<Uint8Array>;
  /** Inputs in the short run (the test suite) and the long one (`pnpm test:reliability`). */
  readonly short: number;
  readonly long?: number;
  readonly seed: number;
  readonly bytesPerInputByte: number;
  /** The error classes this parser is allowed to throw. */
  readonly errors: readonly string[];
  /** How each input must end, for the test's name; default: a result or one of `errors`. */
  readonly ending?: string;
  readonly shrink?: (input: Uint8Array) => Iterable<Uint8Array>;
  /** An input without an answer after this long is a hang; default 10 s (the machine is shared). */
  readonly hangMs?: number;
  /** Further checks of the report. */
  readonly check?: (report: CampaignReport) => void;
}

/** Every input ends in a result or one of `errors`, in bounded time, memory and no pollution. */
export function fuzzTest(spec: FuzzSpec): void {
  const count = budget(spec.short, spec.long ?? 100_000);
  it(
    `ends each of ${count} inputs in ${spec.ending ?? `a result or ${spec.errors.join(' / ')}`}`,
    async () => {
      const report = await runCampaign({
        target: spec.target,
        arbitrary: spec.arbitrary,
        count,
        seed: spec.seed,
        bytesPerInputByte: spec.bytesPerInputByte,
        hangMs: spec.hangMs ?? 10_000,
        ...(spec.shrink ? { shrink: spec.shrink } : {}),
      });
      recordFigures(`fuzz-${spec.target}`, spec.title, campaignFigures(spec.target, report));
      const failures = report.failures.map((f) => ({
        outcome: f.outcome,
        errorClass: f.errorClass,
        message: f.message,
        input: Buffer.from(f.input).toString('base64'),
      }));
      expect(failures).toEqual([]);
      expect(report.results + [...report.typed.values()].reduce((a, b) => a + b, 0)).toBe(count);
      // Both kinds of ending were reached: the generators make valid and broken inputs.
      expect(report.results).toBeGreaterThan(0);
      for (const cls of report.typed.keys()) expect(spec.errors).toContain(cls);
      spec.check?.(report);
    },
    budget(90_000, 3_600_000),
  );
}
