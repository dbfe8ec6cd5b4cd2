/**
 * Handling one batch of ingest-queue messages: link each to its workflow runs,
 * read and record each run once for the whole batch, and schedule re-checks.
 */
import { BatchContext } from "./batch-context.ts";
import type { IngestDeps, RunRef } from "./deps.ts";
import { linkCrawler, linkJobRun } from "./linking.ts";
import type { IngestMessage } from "./messages.ts";
import { needsRecheck } from "./recheck.ts";

export interface HandledMessage {
  /** The workflow runs the message was linked to (recorded). */
  runs: RunRef[];
}

export interface IngestBatch {
  /** Rejects when the message must be retried (its run could not be read or recorded). */
  handle(message: IngestMessage): Promise<HandledMessage>;
}

/**
 * Starts a batch: call `handle` for each message (concurrently is fine and is
 * what makes coalescing work), then drop the batch.
 *
 * @example
 * const batch = startIngestBatch(deps);
 * await Promise.allSettled(messages.map((message) => batch.handle(message)));
 */
export function startIngestBatch(deps: IngestDeps): IngestBatch {
  const ctx = new BatchContext(deps);
  return {
    async handle(message) {
      const runs = await link(ctx, message);
      const via = message.kind === "recheck" ? "recheck" : "event";
      const lookAgain = message.kind === "recheck" || message.terminal;
      const nextAttempt = message.kind === "recheck" ? message.attempt + 1 : 1;
      await Promise.all(
        runs.map(async (ref) => {
          const recorded = await ctx.record(ref, via);
          if (recorded && lookAgain && needsRecheck(recorded.snapshot)) await ctx.recheck(ref, nextAttempt);
        }),
      );
      return { runs };
    },
  };
}

function link(ctx: BatchContext, message: IngestMessage): Promise<RunRef[]> {
  switch (message.kind) {
    case "job":
      return linkJobRun(ctx, message.jobName, message.jobRunId);
    case "crawler":
      return linkCrawler(ctx, message.crawlerName);
    case "recheck":
      return Promise.resolve([{ workflowName: message.workflowName, runId: message.runId }]);
  }
}
