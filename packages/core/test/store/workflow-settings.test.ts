/** Per-workflow settings on the real store (dynalite; DynamoDB Local with STORE_TARGET). */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { DEFAULT_WORKFLOW_SETTINGS } from "../../src/insights/settings.ts";
import { at, run, runId } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

describe("workflow settings", () => {
  it("are the defaults for a workflow that never set any", async () => {
    const { store } = await local.freshStore();
    expect(await store.getWorkflowSettings("nightly-etl")).toEqual(DEFAULT_WORKFLOW_SETTINGS);
  });

  it("are replaced as a whole by a put, defaults applied on read", async () => {
    // Prepare
    const { store, tableName } = await local.freshStore({ now: () => new Date(at(5)) });
    await store.putWorkflowSettings("nightly-etl", { overdueFactor: 3, slackWebhook: "data-team" });
    // Act
    await store.putWorkflowSettings("nightly-etl", { autoResume: false });
    // Assess
    expect(await store.getWorkflowSettings("nightly-etl")).toEqual({ ...DEFAULT_WORKFLOW_SETTINGS, autoResume: false });
    expect(await store.getWorkflowSettings("other")).toEqual(DEFAULT_WORKFLOW_SETTINGS);
    const { Item } = await local.dynamo.documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: "WF#nightly-etl", sk: "SETTINGS" } }),
    );
    expect(Item).toMatchObject({ entityType: "WorkflowSettings", Settings: { autoResume: false }, UpdatedAt: at(5) });
  });

  it("do not show up among the workflow's runs", async () => {
    const { store } = await local.freshStore();
    await store.putSnapshot({ run: run({ id: runId("r") }), observedAt: at(1), via: "event" });
    await store.putWorkflowSettings("nightly-etl", { overdueFactor: 2 });
    const { items } = await store.listRuns("nightly-etl");
    expect(items.map((r) => r.WorkflowRunId)).toEqual([runId("r")]);
  });
});
