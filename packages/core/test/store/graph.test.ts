import { gzipSync } from "node:zlib";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { itemSizeBytes, MAX_ITEM_BYTES } from "../../src/store/item-size.ts";
import { at, jobNode, largeGraph, run, runId } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

describe("graphs in the store", () => {
  const graph = largeGraph(40, 10); // 40 jobs × 3 JobRuns, 10 crawlers × 2 crawls, 50 triggers = 100 nodes
  const graphJsonBytes = Buffer.byteLength(JSON.stringify(graph));
  /** The graph as served: every job run's and trigger action's Arguments left out (they may hold secrets). */
  const servedGraph = JSON.parse(JSON.stringify(graph, (key, value) => (key === "Arguments" ? undefined : value)));
  const id = runId("big-graph");
  const snapshot = run({
    id,
    status: "COMPLETED",
    completedOn: at(60),
    stats: { TotalActions: 140, SucceededActions: 50, FailedActions: 50, TimeoutActions: 40 },
    graph,
  });

  it("round-trips a 100-node graph (without job arguments), its run item under 40 KB (10% of 400 KB; ~21 KB, logged)", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore();
    expect(graph.Nodes).toHaveLength(100);
    // Act
    await store.putSnapshot({ run: snapshot, observedAt: at(61), via: "event" });
    const stored = await store.getRun("nightly-etl", id, { includeGraph: true });
    const { Item } = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: "WF#nightly-etl", sk: `RUN#${id}` } }),
    );
    // Assess
    expect(stored?.Graph).toEqual(servedGraph);
    // Run properties are stored on the item but never read into the run (issue 12, point 6).
    const { WorkflowRunProperties: properties, ...served } = snapshot;
    expect(stored).toMatchObject({ ...served, Graph: servedGraph, Outcome: "FAILED" });
    expect(stored).not.toHaveProperty("WorkflowRunProperties");
    expect(Item?.WorkflowRunProperties).toEqual(properties);
    const size = itemSizeBytes(Item ?? {});
    console.info(
      `100-node graph: ${graphJsonBytes} bytes as JSON; run item ${size} bytes (${((100 * size) / MAX_ITEM_BYTES).toFixed(1)}% of 400 KB)`,
    );
    expect(size).toBeLessThan(MAX_ITEM_BYTES / 10);
  });

  it("leaves the graph behind unless includeGraph is set, in single reads and in lists", async () => {
    // Prepare
    const { store } = await local.freshStore();
    await store.putSnapshot({ run: snapshot, observedAt: at(61), via: "event" });
    // Act
    const single = await store.getRun("nightly-etl", id);
    const listed = await store.listRuns("nightly-etl");
    const listedWithGraph = await store.listRuns("nightly-etl", { includeGraph: true });
    // Assess
    expect(single).toBeDefined();
    expect(single && "Graph" in single).toBe(false);
    expect(listed.items[0] && "Graph" in listed.items[0]).toBe(false);
    expect(listedWithGraph.items[0]?.Graph).toEqual(servedGraph);
    expect(single?.FailedNodes).toHaveLength(10 + 2); // every 4th of 40 jobs, every 5th of 10 crawlers
  });

  it("keeps no job arguments (a job run's, a trigger action's): not stored, not served from graphs stored before", async () => {
    // Prepare: a job run started with a password, and the trigger that passes it.
    const { store, tableName } = await local.freshStore();
    const job = jobNode("load", ["SUCCEEDED"]);
    const jobRun = job.JobDetails?.JobRuns?.[0];
    if (jobRun) jobRun.Arguments = { "--db_password": "hunter2", "--WORKFLOW_RUN_ID": "wr_x" };
    const trigger = {
      Type: "TRIGGER" as const,
      Name: "start-load",
      TriggerDetails: {
        Trigger: { Name: "start-load", Actions: [{ JobName: "load", Arguments: { "--db_password": "hunter2" } }] },
      },
    };
    const withSecrets = { Nodes: [trigger, job], Edges: [] };
    const secretRun = runId("secret-args");
    const legacyRun = runId("legacy-args");
    await store.putWorkflow({ Name: "nightly-etl", Graph: withSecrets }, at(0));
    // Act
    await store.putSnapshot({ run: run({ id: secretRun, graph: withSecrets }), observedAt: at(1), via: "event" });
    await store.putSnapshot({ run: run({ id: legacyRun, graph: { Nodes: [] } }), observedAt: at(1), via: "event" });
    await local.dynamo.documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: "WF#nightly-etl", sk: `RUN#${legacyRun}` },
        UpdateExpression: "SET GraphGzip = :graph",
        ExpressionAttributeValues: { ":graph": gzipSync(JSON.stringify(withSecrets)) },
      }),
    );
    // Assess
    const raw = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: "WF#nightly-etl", sk: `RUN#${secretRun}` } }),
    );
    expect(JSON.stringify(raw.Item)).not.toContain("hunter2");
    const served = [
      await store.getRun("nightly-etl", secretRun, { includeGraph: true }),
      await store.getRun("nightly-etl", legacyRun, { includeGraph: true }),
      await store.getWorkflow("nightly-etl", { includeGraph: true }),
    ];
    for (const item of served) {
      expect(JSON.stringify(item)).not.toContain("hunter2");
      expect(JSON.stringify(item)).not.toContain("Arguments");
      expect(item?.Graph?.Nodes?.map((node) => node.Name)).toEqual(["start-load", "load"]);
    }
    expect(served[0]?.Graph?.Nodes?.[1]?.JobDetails?.JobRuns?.[0]).toMatchObject({
      Id: jobRun?.Id,
      JobRunState: "SUCCEEDED",
    });
  });
});
