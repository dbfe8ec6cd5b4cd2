/**
 * DynamoDB requests per ingested event, by kind of event (goal ≤ 2 on the common
 * path: an event that changes no state). Counted, not estimated: a middleware on
 * the pipeline's DynamoDB client counts every request the real ingest handler sends
 * while it processes one event (one record per batch, one batch at a time).
 *
 * Workflows of three chained jobs run to completion in glue-local; then their job
 * events are delivered in order, then all again:
 * - "state change": the first event of a run (GetWorkflowRun says COMPLETED): the
 *   write, the day's statistics and the announcement's commit (the catalog's LastRun is
 *   read from the runs since docs/decisions/store-last-run-on-read.md);
 * - "same state, new observation": the run's later events (the common path);
 * - "repeated delivery": every event again (the same state, observed later).
 */
import { Ingest } from "@glue-run-tracker/core";
import { createChainWorkflow, startRun } from "../../tests/ingest/support/workflows.ts";
import { startPipeline } from "./pipeline.ts";

export const EventKind = {
  StateChange: "state change",
  SameState: "same state, new observation",
  Repeated: "repeated delivery",
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export interface RequestsFigure {
  kind: EventKind;
  events: number;
  /** Mean DynamoDB requests per event of this kind. */
  requestsPerEvent: number;
  /** Requests by operation over all events of this kind (e.g. UpdateItem: 20). */
  byOperation: Record<string, number>;
}

export const REQUESTS_GOAL = 2;

export async function measureRequests(options: { runs?: number } = {}): Promise<RequestsFigure[]> {
  const runs = options.runs ?? 10;
  const p = await startPipeline({ timeScale: 1, batchSize: 1, maxConcurrency: 1 });
  const sent: string[] = [];
  p.db.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName).replace(/Command$/, ""));
      return next(args);
    },
    { step: "initialize", name: "countRequests" },
  );
  try {
    const names = Array.from({ length: runs }, (_, i) => `rq-${String(i).padStart(3, "0")}`);
    for (const name of names) {
      await createChainWorkflow(
        p.glueClient,
        name,
        ["a", "b", "c"].map((job) => ({ job: `${name}-${job}`, durationMs: 1_000 })),
      );
    }
    await Ingest.backfill(p.deps, { all: true }, {}, { concurrency: 4 });
    for (const name of names) await startRun(p.glueClient, name);
    await p.glue.runUntilIdle();
    const events = p.held
      .splice(0)
      .filter((event) => (event as { "detail-type": string })["detail-type"] === "Glue Job State Change");

    const figures = new Map<EventKind, { events: number; byOperation: Record<string, number> }>();
    const seenRuns = new Set<string>();
    const deliver = async (event: unknown, repeated: boolean) => {
      const before = sent.length;
      p.queue.send(JSON.stringify(event));
      await p.queue.idle({ timeoutMs: 60_000 });
      const workflow = String((event as { detail: { jobName: string } }).detail.jobName).replace(/-[abc]$/, "");
      const kind = repeated ? EventKind.Repeated : seenRuns.has(workflow) ? EventKind.SameState : EventKind.StateChange;
      seenRuns.add(workflow);
      const figure = figures.get(kind) ?? { events: 0, byOperation: {} };
      figure.events++;
      for (const operation of sent.slice(before))
        figure.byOperation[operation] = (figure.byOperation[operation] ?? 0) + 1;
      figures.set(kind, figure);
    };
    for (const event of events) await deliver(event, false);
    for (const event of events) await deliver(event, true);
    return [...figures.entries()].map(([kind, figure]) => ({
      kind,
      events: figure.events,
      byOperation: figure.byOperation,
      requestsPerEvent: Object.values(figure.byOperation).reduce((a, b) => a + b, 0) / figure.events,
    }));
  } finally {
    await p.stop();
  }
}
