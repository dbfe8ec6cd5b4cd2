/**
 * Simulation controls (docs/architecture.md#simulation-controls): job arguments `--sim-*` (from DefaultArguments, the
 * trigger action's Arguments or the run's Arguments, later ones winning) and crawler tags
 * `sim:*` decide how long a job run or crawl takes and how it ends.
 */
import { InvalidInputError } from "../errors.ts";

export const JobSimArg = {
  DurationMs: "--sim-duration-ms",
  Outcome: "--sim-outcome",
  ErrorMessage: "--sim-error-message",
  FailAttempts: "--sim-fail-attempts",
} as const;

export const CrawlerSimTag = {
  DurationMs: "sim:duration-ms",
  Outcome: "sim:outcome",
  ErrorMessage: "sim:error-message",
  FailAttempts: "sim:fail-attempts",
} as const;

export const JOB_OUTCOMES = ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];
export const CRAWL_OUTCOMES = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type CrawlOutcome = (typeof CRAWL_OUTCOMES)[number];

/** Virtual duration of a job run or crawl without `--sim-duration-ms` / `sim:duration-ms`. */
export const DEFAULT_ACTION_DURATION_MS = 5_000;
/** How long STOPPING / CANCELLING lasts before STOPPED / CANCELLED. */
export const STOP_DELAY_MS = 1_000;

export interface SimPlan<Outcome extends string> {
  durationMs: number;
  outcome: Outcome;
  errorMessage: string | undefined;
}

interface SimSource {
  durationMs: string | undefined;
  outcome: string | undefined;
  errorMessage: string | undefined;
  failAttempts: string | undefined;
}

function readNumber(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(value) || value < 0) {
    throw new InvalidInputError(`${name} must be a non-negative integer (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function readOutcome<O extends string>(raw: string | undefined, name: string, allowed: readonly O[]): O | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new InvalidInputError(`${name} must be one of ${allowed.join(" | ")} (got ${JSON.stringify(raw)})`);
  }
  return raw as O;
}

const jobSource = (args: Readonly<Record<string, string>>): SimSource => ({
  durationMs: args[JobSimArg.DurationMs],
  outcome: args[JobSimArg.Outcome],
  errorMessage: args[JobSimArg.ErrorMessage],
  failAttempts: args[JobSimArg.FailAttempts],
});

const crawlerSource = (tags: Readonly<Record<string, string>>): SimSource => ({
  durationMs: tags[CrawlerSimTag.DurationMs],
  outcome: tags[CrawlerSimTag.Outcome],
  errorMessage: tags[CrawlerSimTag.ErrorMessage],
  failAttempts: tags[CrawlerSimTag.FailAttempts],
});

/** Throws InvalidInputException when a job argument map holds a malformed `--sim-*` value. */
export function checkJobSimArguments(args: Readonly<Record<string, string>> | undefined): void {
  if (!args) return;
  const s = jobSource(args);
  readNumber(s.durationMs, JobSimArg.DurationMs);
  readNumber(s.failAttempts, JobSimArg.FailAttempts);
  readOutcome(s.outcome, JobSimArg.Outcome, JOB_OUTCOMES);
}

/** Throws InvalidInputException when crawler tags hold a malformed `sim:*` value. */
export function checkCrawlerSimTags(tags: Readonly<Record<string, string>> | undefined): void {
  if (!tags) return;
  const s = crawlerSource(tags);
  readNumber(s.durationMs, CrawlerSimTag.DurationMs);
  readNumber(s.failAttempts, CrawlerSimTag.FailAttempts);
  readOutcome(s.outcome, CrawlerSimTag.Outcome, CRAWL_OUTCOMES);
}

/** A transient-looking default, so that a fail-attempts failure reads like one. */
const transientMessage = (attempt: number, of: number) =>
  `ThrottlingException: Rate exceeded (simulated transient failure ${attempt} of ${of})`;

function plan<O extends string>(
  s: SimSource,
  names: { duration: string; outcome: string; failAttempts: string },
  allowed: readonly O[],
  succeeded: O,
  failed: O,
  attempt: number,
): SimPlan<O> {
  const durationMs = readNumber(s.durationMs, names.duration) ?? DEFAULT_ACTION_DURATION_MS;
  const failAttempts = readNumber(s.failAttempts, names.failAttempts) ?? 0;
  if (attempt <= failAttempts) {
    return { durationMs, outcome: failed, errorMessage: s.errorMessage ?? transientMessage(attempt, failAttempts) };
  }
  const outcome = readOutcome(s.outcome, names.outcome, allowed) ?? succeeded;
  return { durationMs, outcome, errorMessage: outcome === succeeded ? undefined : s.errorMessage };
}

/** How the `attempt`-th run (1-based) of a job goes, from its merged arguments. */
export function planJobRun(args: Readonly<Record<string, string>>, attempt: number): SimPlan<JobOutcome> {
  const names = { duration: JobSimArg.DurationMs, outcome: JobSimArg.Outcome, failAttempts: JobSimArg.FailAttempts };
  return plan(jobSource(args), names, JOB_OUTCOMES, "SUCCEEDED", "FAILED", attempt);
}

/** How the `attempt`-th crawl (1-based) of a crawler goes, from its tags. */
export function planCrawl(tags: Readonly<Record<string, string>>, attempt: number): SimPlan<CrawlOutcome> {
  const names = {
    duration: CrawlerSimTag.DurationMs,
    outcome: CrawlerSimTag.Outcome,
    failAttempts: CrawlerSimTag.FailAttempts,
  };
  return plan(crawlerSource(tags), names, CRAWL_OUTCOMES, "SUCCEEDED", "FAILED", attempt);
}
