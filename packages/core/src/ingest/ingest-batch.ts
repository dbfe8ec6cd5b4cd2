/**
 * Ingesting one batch of ingest-queue records, as one straight flow
 * (docs/decisions/ingest-straight-flow.md):
 *
 *   1. parse   every record body (messages.ts);
 *   2. link    each message to its workflow runs: reads only, each read once per
 *              batch (linking.ts over batch-reader.ts);
 *   3. record  each standalone job run, and each linked run once however many
 *              messages named it (recordSnapshot);
 *   4. re-check the runs Glue has not closed although nothing runs in them (recheck.ts).
 *
 * A record fails alone: a body that cannot be parsed, a link that could not be
 * read, or a write that failed marks the records it concerns, and the others go on.
 */
import type { StandaloneJobRun } from "../store/run-store.ts";
import type { RunSnapshot } from "../workflow-run/types.ts";
import { type BatchReader, createBatchReader } from "./batch-reader.ts";
import { type IngestDeps, type RunRef, refKey } from "./deps.ts";
import { AnnouncementInProgressError } from "./errors.ts";
import { type Link, linkMessage, Unlinked } from "./linking.ts";
import { type IngestMessage, parseIngestMessage } from "./messages.ts";
import { DEFAULT_RECHECK_POLICY, needsRecheck, recheckDelaySeconds } from "./recheck.ts";
import { Announcement, recordSnapshot } from "./record-snapshot.ts";
import { onRunUnknownToGlue } from "./unknown-runs.ts";

/** One ingest-queue record: its id (SQS messageId) and body. */
export interface QueueRecord {
  id: string;
  body: string;
  /** The body already parsed (ingest-accounts.ts parses to find the account): not parsed again. */
  message?: IngestMessage;
}

/** What became of one record. */
export interface IngestedRecord {
  id: string;
  /** Undefined when the body could not be parsed. */
  message?: IngestMessage;
  /** The workflow runs the message was linked to. */
  runs: RunRef[];
  /** Set when the record is not done: report it as failed (retried, or dead-lettered if not retryable). */
  error?: unknown;
}

/** A record on its way through the flow. */
interface Item {
  id: string;
  message?: IngestMessage;
  link?: Link;
  error?: unknown;
}

/** One workflow run to record, and the records that named it. */
interface RunTask {
  ref: RunRef;
  via: "event" | "recheck";
  items: Item[];
  /** The records that ask for another look (re-checks, terminal action events). */
  lookers: Item[];
  /** The number of the re-check to schedule, if one is needed. */
  nextAttempt: number;
  snapshot?: RunSnapshot;
}

/** One standalone job run to record, and the records that named it. */
interface StandaloneTask {
  jobRun: Omit<StandaloneJobRun, "ObservedAt">;
  items: Item[];
}

/**
 * Ingests one batch; never throws: each record's failure is in its result.
 *
 * @example
 * const results = await ingestBatch(deps, event.Records.map((r) => ({ id: r.messageId, body: r.body })));
 * const failed = results.filter((result) => result.error).map((result) => result.id);
 */
export async function ingestBatch(deps: IngestDeps, records: readonly QueueRecord[]): Promise<IngestedRecord[]> {
  const reader = createBatchReader(deps);

  // 1. Parse every record.
  const items: Item[] = records.map(({ id, body, message }) => {
    if (message) return { id, message };
    try {
      return { id, message: parseIngestMessage(body) };
    } catch (error) {
      return { id, error };
    }
  });

  // 2. Link each message to its runs (reads only).
  await Promise.all(
    items.map((item) =>
      settle([item], async () => {
        if (item.message) item.link = await linkMessage(reader, item.message);
      }),
    ),
  );

  // 3. Record what the links name: each standalone job run and each run once.
  rememberRunLinks(deps, items);
  const { runs, standalone } = plan(deps, items);
  await Promise.all([
    ...standalone.map((task) => settle(task.items, () => recordStandaloneJobRun(deps, task))),
    ...runs.map((task) =>
      settle(task.items, async () => {
        task.snapshot = await recordRun(deps, reader, task.ref, task.via);
      }),
    ),
  ]);

  // 4. Re-check the runs that still look running once nothing runs in them.
  await Promise.all(
    runs
      .filter((task) => task.lookers.length > 0 && task.snapshot && needsRecheck(task.snapshot))
      .map((task) => settle(task.lookers, () => scheduleRecheck(deps, task.ref, task.nextAttempt))),
  );

  return items.map(({ id, message, link, error }) => ({ id, message, runs: link?.runs ?? [], error }));
}

/** A job run linked to its workflow run stays linked: later batches of this process skip the search. */
function rememberRunLinks(deps: IngestDeps, items: Item[]): void {
  for (const { message, link, error } of items) {
    const [only, ...more] = link?.runs ?? [];
    if (message?.kind === "job" && only && more.length === 0 && error === undefined) {
      deps.links?.set(message.jobRunId, only);
    }
  }
}

/** Groups the linked records by what they name (and logs those about nothing). */
function plan(deps: IngestDeps, items: Item[]): { runs: RunTask[]; standalone: StandaloneTask[] } {
  const runs = new Map<string, RunTask>();
  const standalone = new Map<string, StandaloneTask>();
  for (const item of items) {
    const { message, link } = item;
    if (!message || !link || item.error !== undefined) continue;
    if (link.unlinked) {
      const level = link.unlinked === Unlinked.CrawlerUntracked ? "debug" : "warn";
      deps.logger?.[level](link.unlinked, { ...message });
    }
    if (message.kind === "job" && link.standaloneJobRun) {
      const task = standalone.get(message.jobRunId) ?? {
        jobRun: { ...link.standaloneJobRun, JobName: message.jobName, Id: message.jobRunId },
        items: [],
      };
      task.items.push(item);
      standalone.set(message.jobRunId, task);
    }
    for (const ref of link.runs) {
      const task = runs.get(refKey(ref)) ?? { ref, via: "recheck", items: [], lookers: [], nextAttempt: 1 };
      task.items.push(item);
      // An event names the run: it is observed via the event, whatever re-check came with it.
      if (message.kind !== "recheck") task.via = "event";
      if (message.kind === "recheck" || message.terminal) task.lookers.push(item);
      if (message.kind === "recheck") task.nextAttempt = Math.max(task.nextAttempt, message.attempt + 1);
      runs.set(refKey(ref), task);
    }
  }
  return { runs: [...runs.values()], standalone: [...standalone.values()] };
}

async function recordStandaloneJobRun(deps: IngestDeps, task: StandaloneTask): Promise<void> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  await deps.store.putStandaloneJobRun({ ...task.jobRun, ObservedAt: now });
  deps.links?.set(task.jobRun.Id, "standalone");
}

/**
 * Reads the run (once per batch) and records it. A run Glue no longer knows gives
 * undefined. A live announcement lease elsewhere fails the run's records so they
 * are retried (see record-snapshot.ts).
 */
async function recordRun(
  deps: IngestDeps,
  reader: BatchReader,
  ref: RunRef,
  via: "event" | "recheck",
): Promise<RunSnapshot | undefined> {
  const snapshot = await reader.workflowRun(ref);
  if (!snapshot) {
    deps.logger?.warn("Glue no longer knows the run", { ...ref });
    // Tracked and active: the same confirmation the reconciler uses may close it (unknown-runs.ts).
    await onRunUnknownToGlue(deps, ref, { observedAt: (deps.now ?? (() => new Date()))() });
    return undefined;
  }
  const result = await recordSnapshot(deps, snapshot, via);
  if (result.announcement === Announcement.InProgress)
    throw new AnnouncementInProgressError(ref.workflowName, ref.runId);
  return snapshot;
}

/** Schedules the run's next re-check; gives up after the policy's attempts (the reconciler takes over). */
async function scheduleRecheck(deps: IngestDeps, ref: RunRef, attempt: number): Promise<void> {
  const policy = deps.recheckPolicy ?? DEFAULT_RECHECK_POLICY;
  if (attempt > policy.maxAttempts) {
    deps.logger?.warn("Run still not terminal after every re-check; the reconciler takes over", { ...ref, attempt });
    return;
  }
  // The re-check names the run's account, so it is read and recorded in that account again.
  const { accountId, region } = deps.account ?? {};
  const where = accountId && region ? { accountId, region } : {};
  await deps.rechecks.schedule({ kind: "recheck", ...ref, attempt, ...where }, recheckDelaySeconds(attempt, policy));
}

/** Runs a step for some records; its failure becomes theirs (the first error of a record wins). */
async function settle(items: Item[], step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    for (const item of items) item.error ??= error ?? new Error("an ingest step failed");
  }
}
