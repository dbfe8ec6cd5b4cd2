/** Offline: the requests the store sends, asserted on a mocked client (no DynamoDB). */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createRunStore } from "../../src/store/dynamo-run-store.ts";
import { at, jobNode, run, runId } from "../workflow-run/fixtures.ts";

type UpdateInput = {
  Key?: object;
  ReturnValues?: string;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
};

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" }));
const dynamo = mockClient(documentClient);
// A new store per test: a store remembers which workflows' catalog entries it has checked.
let store = newStore();

function newStore() {
  return createRunStore({ client: documentClient, tableName: "tracker", paginationSecret: "secret" });
}

beforeEach(() => {
  dynamo.reset();
  store = newStore();
});

/** The store has checked the workflow's catalog entry (once per process); the calls it took are forgotten. */
async function knownWorkflow() {
  dynamo.on(GetCommand).resolves({ Item: { Name: "nightly-etl" } });
  dynamo.on(UpdateCommand).resolves({});
  await store.putSnapshot({ run: run({ id: runId(0) }), observedAt: at(0), via: "event" });
  dynamo.reset();
}

describe("putSnapshot requests", () => {
  it("writes a snapshot in one conditional UpdateItem, its timeline entry included (create-if-absent)", async () => {
    // Prepare
    await knownWorkflow();
    dynamo.on(UpdateCommand).resolves({});
    // Act
    await store.putSnapshot({ run: run({ id: runId(1) }), observedAt: at(1), via: "event" });
    // Assess: a new run is a transition, and still one write: the catalog's LastRun is read from the runs.
    const [update] = dynamo.calls().map((call) => call.args[0].input as UpdateInput);
    expect(dynamo.calls()).toHaveLength(1);
    expect(update).toMatchObject({ Key: { pk: "WF#nightly-etl", sk: `RUN#${runId(1)}` }, ReturnValues: "ALL_OLD" });
    expect(update?.ConditionExpression).toMatch(/^attribute_not_exists\(#n\d+\) OR #n\d+ < :v\d+$/);
    const alias = Object.entries(update?.ExpressionAttributeNames ?? {}).find(([, name]) => name.startsWith("TL#"));
    expect(alias?.[1]).toBe("TL#1_000000_000000");
    expect(update?.UpdateExpression).toContain(`${alias?.[0]} = if_not_exists(${alias?.[0]}, `);
  });

  it("writes a new observation of a state this process stored and announced with nothing returned, conditioned on that state", async () => {
    // Prepare: this process stored the run RUNNING and saw it announced.
    await knownWorkflow();
    const stored = { pk: "WF#nightly-etl", sk: `RUN#${runId(1)}`, Status: "RUNNING", Outcome: "RUNNING" };
    dynamo.on(UpdateCommand).resolves({
      Attributes: { ...stored, Announced: { Status: "RUNNING", Outcome: "RUNNING", Rank: 0 } },
    });
    const announcer = (at2: string) => ({ owner: `attempt-${at2}`, now: new Date(at2), leaseMs: 30_000 });
    await store.putSnapshot({
      run: run({ id: runId(1) }),
      observedAt: at(2),
      via: "event",
      announcer: announcer(at(2)),
    });
    dynamo.reset();
    dynamo.on(UpdateCommand).resolves({});
    // Act
    const result = await store.putSnapshot({
      run: run({ id: runId(1) }),
      observedAt: at(3),
      via: "event",
      announcer: announcer(at(3)),
    });
    // Assess
    expect(result).toEqual({ stored: true, transition: null, announce: { kind: "announced" } });
    const [update] = dynamo
      .calls()
      .map((call) => call.args[0].input as UpdateInput & { ExpressionAttributeValues?: object });
    expect(dynamo.calls()).toHaveLength(1);
    expect(update?.ReturnValues).toBeUndefined();
    const names = update?.ExpressionAttributeNames ?? {};
    const condition = (update?.ConditionExpression ?? "").replace(/#n\d+/g, (alias) => names[alias] ?? alias);
    expect(condition).toMatch(
      /^attribute_exists\(pk\) AND Rank < :v\d+ AND Status = :v\d+ AND Outcome = :v\d+ AND Announced\.Rank >= :v\d+$/,
    );
    expect(Object.values(names).some((name) => name.startsWith("AnnounceLease#"))).toBe(false);
  });

  it("catalogs a workflow first seen through a run before writing the run, once per process", async () => {
    // Prepare: no catalog entry.
    dynamo.on(GetCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    // Act
    await store.putSnapshot({ run: run({ id: runId(1) }), observedAt: at(1), via: "event" });
    await store.putSnapshot({ run: run({ id: runId(2) }), observedAt: at(2), via: "event" });
    // Assess
    const calls = dynamo.calls().map((call) => call.args[0]);
    expect(calls.map((command) => command.constructor.name)).toEqual([
      "GetCommand",
      "UpdateCommand",
      "UpdateCommand",
      "UpdateCommand",
    ]);
    expect(calls[1]?.input).toMatchObject({ Key: { pk: "WF#nightly-etl", sk: "WORKFLOW" } });
    expect(calls[2]?.input).toMatchObject({ Key: { pk: "WF#nightly-etl", sk: `RUN#${runId(1)}` } });
    expect(calls[3]?.input).toMatchObject({ Key: { pk: "WF#nightly-etl", sk: `RUN#${runId(2)}` } });
  });

  it("costs one request for a snapshot that changes no state", async () => {
    // Prepare: the stored item holds the same state, already announced.
    const stored = { pk: "WF#nightly-etl", sk: `RUN#${runId(1)}`, Status: "RUNNING", Outcome: "RUNNING" };
    dynamo
      .on(UpdateCommand)
      .resolves({ Attributes: { ...stored, Announced: { Status: "RUNNING", Outcome: "RUNNING", Rank: 0 } } });
    const announcer = { owner: "attempt-1", now: new Date(at(2)), leaseMs: 30_000 };
    await knownWorkflow();
    dynamo
      .on(UpdateCommand)
      .resolves({ Attributes: { ...stored, Announced: { Status: "RUNNING", Outcome: "RUNNING", Rank: 0 } } });
    // Act
    const result = await store.putSnapshot({ run: run({ id: runId(1) }), observedAt: at(2), via: "event", announcer });
    // Assess
    expect(result).toEqual({ stored: true, transition: null, announce: { kind: "announced" } });
    expect(dynamo.calls()).toHaveLength(1);
  });

  it("compresses the graph into a binary attribute and indexes the graph's nodes", async () => {
    dynamo.on(BatchWriteCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(GetCommand).resolves({});
    await store.putSnapshot({
      run: run({ graph: { Nodes: [jobNode("load", ["RUNNING"])] } }),
      observedAt: at(1),
      via: "event",
    });
    const update = dynamo
      .commandCalls(UpdateCommand)
      .map((call) => call.args[0].input)
      .find((input) => String(input.Key?.sk).startsWith("RUN#"));
    const graphValue = Object.values(update?.ExpressionAttributeValues ?? {}).find((v) => v instanceof Uint8Array);
    expect(graphValue).toBeInstanceOf(Uint8Array);
    expect(Object.values(update?.ExpressionAttributeNames ?? {})).toContain("GraphGzip");
    const indexed = dynamo.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems?.tracker;
    expect(indexed).toEqual([
      {
        PutRequest: {
          Item: { pk: "JOB#load", sk: "WF#nightly-etl", entityType: "NodeIndex", WorkflowName: "nightly-etl" },
        },
      },
    ]);
  });
});

describe("read requests", () => {
  it("does not fetch the graph unless includeGraph is set", async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    // Act
    await store.getRun("wf", "wr_1");
    await store.listRuns("wf");
    await store.getRun("wf", "wr_1", { includeGraph: true });
    // Assess
    const projected = dynamo
      .calls()
      .map((call) =>
        Object.values((call.args[0].input as { ExpressionAttributeNames: object }).ExpressionAttributeNames),
      );
    expect(projected[0]).not.toContain("GraphGzip");
    expect(projected[1]).not.toContain("GraphGzip");
    expect(projected[2]).toContain("GraphGzip");
  });

  it("lists a workflow's runs on the per-workflow index, newest first, one run more than the page", async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    await store.listRuns("wf", { startedAfter: at(0), maxResults: 10 });
    expect(dynamo.calls()).toHaveLength(1);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: "gsi1",
      ScanIndexForward: false,
      // The 11th run only tells whether a next page exists (no empty last page).
      Limit: 11,
    });
  });

  it("reads past the filter until the page is full, and resumes after the last run returned", async () => {
    // Prepare: the first Query finds nothing that matches, the second finds 12 matches.
    const failed = (i: number) => ({
      pk: "WF#wf",
      sk: `RUN#wr_${i}`,
      gsi1pk: "WF#wf",
      gsi1sk: `${at(100 - i)}#wr_${i}`,
      WorkflowRunId: `wr_${i}`,
      Outcome: "FAILED",
    });
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: [],
        ScannedCount: 44,
        LastEvaluatedKey: { pk: "WF#wf", sk: "RUN#x", gsi1pk: "WF#wf", gsi1sk: "x" },
      })
      .resolvesOnce({ Items: Array.from({ length: 12 }, (_, i) => failed(i)), ScannedCount: 88 })
      .resolvesOnce({ Items: [], ScannedCount: 3 });
    // Act
    const page = await store.listRuns("wf", { outcome: "FAILED", maxResults: 10 });
    // Assess
    const inputs = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toMatchObject({ FilterExpression: expect.stringMatching(/^#n\d+ = :v\d+$/), Limit: 44 });
    expect(inputs[1]).toMatchObject({ ExclusiveStartKey: { sk: "RUN#x" }, Limit: 88 });
    expect(page.items.map((r) => r.WorkflowRunId)).toEqual(Array.from({ length: 10 }, (_, i) => `wr_${i}`));
    expect(page.items[0]).not.toHaveProperty("gsi1sk");
    const next = await store.listRuns("wf", { outcome: "FAILED", maxResults: 10, nextToken: page.nextToken });
    expect(dynamo.commandCalls(QueryCommand)[2]?.args[0].input.ExclusiveStartKey).toEqual({
      pk: "WF#wf",
      sk: "RUN#wr_9",
      gsi1pk: "WF#wf",
      gsi1sk: `${at(91)}#wr_9`,
    });
    expect(next.items).toEqual([]);
  });
});
