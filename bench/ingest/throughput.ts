/**
 * Figure 1: events/s through the ingest pipeline (local queue → real handler →
 * Glue read → conditional writes → tracker event), as a ratio to raw PutItem/s of
 * the same run item, same dynalite, same requests in flight, same run.
 *
 * Every event is a job run ending in its own workflow run that the tracker has
 * not stored yet: each one costs a Glue read, a stored snapshot (one conditional
 * write, timeline entry included), the day's statistics and the announcement's
 * commit — the state-change path, the dearest of the event kinds (requests.ts).
 *
 * In the same run, after the handler's events, the raw puts alternate with the floor
 * (floor.ts): a Glue read and the one or two conditional writes the issue allows per event,
 * sent straight through the SDK clients, no tracker code: what the goal's own physical
 * limit reaches in this bench.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Ingest } from "@glue-run-tracker/core";
import { itemSizeBytes } from "../../packages/core/src/store/item-size.ts";
import { runKey } from "../../packages/core/src/store/keys.ts";
import { createChainWorkflow, startRun } from "../../tests/ingest/support/workflows.ts";
import { type FloorFigure, measureRawAndFloor } from "./floor.ts";
import { startPipeline } from "./pipeline.ts";

/** events/s ÷ raw PutItem/s, goal (issue 15). */
export const THROUGHPUT_GOAL = 0.4;

export interface ThroughputFigure {
  events: number;
  eventsPerSecond: number;
  rawPutsPerSecond: number;
  /** events/s ÷ raw PutItem/s. */
  ratio: number;
  runItemBytes: number;
  /** Records in flight in the pipeline (batch size × concurrency), and raw puts in flight. */
  inFlight: number;
  glueCallsPerEvent: number;
  /** Glue read + conditional write(s) per event with no tracker code, rounds alternating with the raw puts. */
  floor: FloorFigure;
}

export async function measureThroughput(
  options: { runs?: number; batchSize?: number; maxConcurrency?: number; log?: (line: string) => void } = {},
) {
  const runs = options.runs ?? 200;
  const batchSize = options.batchSize ?? 10;
  const maxConcurrency = options.maxConcurrency ?? 4;
  const p = await startPipeline({ timeScale: 1, batchSize, maxConcurrency });
  try {
    const names = Array.from({ length: runs }, (_, i) => `tp-${String(i).padStart(4, "0")}`);
    for (const name of names)
      await createChainWorkflow(p.glueClient, name, [{ job: `${name}-job`, durationMs: 1_000 }]);
    await Ingest.backfill(p.deps, { all: true }, {}, { concurrency: 8 });
    const runIds: string[] = [];
    for (const name of names) runIds.push(await startRun(p.glueClient, name));
    await p.glue.runUntilIdle();
    const events = p.held
      .splice(0)
      .filter((event) => (event as { "detail-type": string })["detail-type"] === "Glue Job State Change");
    p.gateway.resetCalls();

    const started = performance.now();
    for (const event of events) p.queue.send(JSON.stringify(event));
    await p.queue.idle({ timeoutMs: 600_000 });
    const eventsPerSecond = events.length / ((performance.now() - started) / 1000);
    const glueCalls = p.gateway.calls().total;

    const { Item } = await p.db.documentClient.send(
      new GetCommand({ TableName: p.db.tableName, Key: runKey(names[0] as string, runIds[0] as string) }),
    );
    if (!Item) throw new Error("the first run was not stored");
    const inFlight = batchSize * maxConcurrency;
    const { rawPutsPerSecond, floor } = await measureRawAndFloor({
      db: p.db.documentClient,
      tableName: p.db.tableName,
      glue: p.glueClient,
      workflowNames: names,
      item: Item,
      inFlight,
      log: options.log,
    });
    return {
      events: events.length,
      eventsPerSecond,
      rawPutsPerSecond,
      ratio: eventsPerSecond / rawPutsPerSecond,
      runItemBytes: itemSizeBytes(Item),
      inFlight,
      glueCallsPerEvent: glueCalls / events.length,
      floor,
    } satisfies ThroughputFigure;
  } finally {
    await p.stop();
  }
}
