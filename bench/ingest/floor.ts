/**
 * Figure 1's reference and its floor, timed in rounds alternating with each other.
 *
 * - raw: PutItem of the stored run item (one write per event, nothing else);
 * - floor, Glue read + 2 writes: what issue 15 calls the physical limit of a state
 *   change — "one conditional write per snapshot, plus one more when a state change must
 *   be announced" — plus the Glue read the handler makes for such an event, sent
 *   straight through the SDK clients with no tracker code at all: GetWorkflowRuns of the
 *   workflow (as linking reads it, batch-reader.ts), a conditional PutItem of the run item
 *   carrying the announcement's lease, an UpdateItem commit (Announced set, lease
 *   removed, while the lease is ours);
 * - floor, Glue read + 1 write: the same without the commit.
 *
 * The floor shows what the goal (events/s ≥ 0.4 × raw PutItem/s) can reach in this very
 * bench: glue-local and dynalite share the process with the handler, so a Glue read
 * weighs about as much as a write.
 */
import { randomUUID } from "node:crypto";
import { GetWorkflowRunsCommand, type GlueClient } from "@aws-sdk/client-glue";
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ANNOUNCED_ATTRIBUTE, announceLeaseAttribute } from "../../packages/core/src/store/keys.ts";
import { median, throughput } from "../store/measure.ts";

/** Newest runs linking reads per workflow (batch-reader.ts's default recentRunsPerWorkflow). */
const RECENT_RUNS = 10;
const LEASE_MS = 30_000;

export interface FloorRate {
  /** Events/s (median round). */
  perSecond: number;
  /** ÷ raw PutItem/s of the same round (median round). */
  ratio: number;
}

export interface FloorFigure {
  /** Glue read + conditional PutItem + conditional UpdateItem commit: a state change that is announced. */
  readAndTwoWrites: FloorRate;
  /** Glue read + conditional PutItem. */
  readAndOneWrite: FloorRate;
}

export interface FloorInput {
  db: DynamoDBDocumentClient;
  tableName: string;
  glue: GlueClient;
  /** One workflow per event (each holding the run the event is about). */
  workflowNames: readonly string[];
  /** The run item the handler stored (its announcement committed). */
  item: Record<string, unknown>;
  inFlight: number;
  rounds?: number;
  log?: (line: string) => void;
}

export async function measureRawAndFloor(input: FloorInput): Promise<{ rawPutsPerSecond: number; floor: FloorFigure }> {
  const { db, tableName: TableName, glue, workflowNames, item, inFlight } = input;
  const count = workflowNames.length;
  const leaseName = announceLeaseAttribute(String(item.Status), String(item.Outcome));
  const { [ANNOUNCED_ATTRIBUTE]: announced, ...unannounced } = item;
  if (!announced) throw new Error("the stored run item has no Announced state");

  const glueRead = (i: number) =>
    glue.send(new GetWorkflowRunsCommand({ Name: workflowNames[i], IncludeGraph: true, MaxResults: RECENT_RUNS }));
  const writeRun = (pk: string, owner: string) =>
    db.send(
      new PutCommand({
        TableName,
        Item: {
          ...unannounced,
          pk,
          sk: "RUN",
          [leaseName]: { Owner: owner, Until: new Date(Date.now() + LEASE_MS).toISOString() },
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  const commit = (pk: string, owner: string) =>
    db.send(
      new UpdateCommand({
        TableName,
        Key: { pk, sk: "RUN" },
        UpdateExpression: "SET #announced = :announced REMOVE #lease",
        ConditionExpression: "#lease.#owner = :owner",
        ExpressionAttributeNames: { "#announced": ANNOUNCED_ATTRIBUTE, "#lease": leaseName, "#owner": "Owner" },
        ExpressionAttributeValues: { ":announced": announced, ":owner": owner },
      }),
    );

  const kinds = {
    raw: (round: number) =>
      throughput(count, inFlight, (i) =>
        db.send(new PutCommand({ TableName, Item: { ...item, pk: `BENCH#${round}#${i}`, sk: "RAW" } })),
      ),
    readAndTwoWrites: (round: number) =>
      throughput(count, inFlight, async (i) => {
        const pk = `FLOOR2#${round}#${i}`;
        const owner = randomUUID();
        await glueRead(i);
        await writeRun(pk, owner);
        await commit(pk, owner);
      }),
    readAndOneWrite: (round: number) =>
      throughput(count, inFlight, async (i) => {
        await glueRead(i);
        await writeRun(`FLOOR1#${round}#${i}`, randomUUID());
      }),
  };
  type Kind = keyof typeof kinds;
  const order: Kind[] = ["raw", "readAndTwoWrites", "readAndOneWrite"];
  const rates: Record<Kind, number[]> = { raw: [], readAndTwoWrites: [], readAndOneWrite: [] };
  for (let round = 0; round < (input.rounds ?? 3); round++) {
    // Alternate the order: load from outside the bench drifts within a round too (as bench/store/run.ts).
    for (const kind of round % 2 === 0 ? order : [...order].reverse()) rates[kind].push(await kinds[kind](round));
    const [raw, two, one] = order.map((kind) => (rates[kind][round] as number).toFixed(0));
    input.log?.(
      `  round ${round + 1}: raw PutItem ${raw}/s, Glue read + 2 writes ${two}/s, Glue read + 1 write ${one}/s`,
    );
  }
  const rate = (kind: Exclude<Kind, "raw">): FloorRate => ({
    perSecond: median(rates[kind]),
    ratio: median(rates[kind].map((perSecond, round) => perSecond / (rates.raw[round] as number))),
  });
  return {
    rawPutsPerSecond: median(rates.raw),
    floor: { readAndTwoWrites: rate("readAndTwoWrites"), readAndOneWrite: rate("readAndOneWrite") },
  };
}
