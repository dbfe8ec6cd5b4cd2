import { describe, expect, it } from "vitest";
import { Expressions } from "../../src/store/expressions.ts";
import { runIndexKeys, runKey, startedWithin, timelineKey, timelinePrefix, workflowKey } from "../../src/store/keys.ts";
import { createTableInput, TrackerTable } from "../../src/store/table.ts";

describe("table definition", () => {
  it("builds CreateTable from the single definition: pk/sk, two GSIs projecting everything, on-demand", () => {
    const input = createTableInput("tracker");
    expect(input).toMatchObject({
      TableName: "tracker",
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
    });
    expect(
      input.GlobalSecondaryIndexes?.map((i) => [
        i.IndexName,
        i.KeySchema?.map((k) => k.AttributeName),
        i.Projection?.ProjectionType,
      ]),
    ).toEqual([
      ["gsi1", ["gsi1pk", "gsi1sk"], "ALL"],
      ["gsi2", ["gsi2pk", "gsi2sk"], "ALL"],
    ]);
    expect(input.AttributeDefinitions).toHaveLength(TrackerTable.attributes.length);
    expect(TrackerTable.timeToLiveAttribute).toBe("ExpiresAt");
  });
});

describe("keys", () => {
  it("puts a run, its timeline and its workflow in one partition, timeline entries after the run", () => {
    const run = runKey("wf", "wr_1");
    const entry = timelineKey("wf", "wr_1", "1.000000.000000");
    expect(run).toEqual({ pk: "WF#wf", sk: "RUN#wr_1" });
    expect(entry.pk).toBe(run.pk);
    expect(entry.sk.startsWith(timelinePrefix("wr_1"))).toBe(true);
    expect(entry.sk > run.sk).toBe(true);
    expect(workflowKey("wf")).toEqual({ pk: "WF#wf", sk: "WORKFLOW" });
  });

  it("indexes a run per workflow and per outcome by start time", () => {
    expect(runIndexKeys("wf", "wr_1", "2026-11-01T08:00:00.000Z", "FAILED")).toEqual({
      gsi1pk: "WF#wf",
      gsi1sk: "2026-11-01T08:00:00.000Z#wr_1",
      gsi2pk: "OUTCOME#FAILED",
      gsi2sk: "2026-11-01T08:00:00.000Z#wf#wr_1",
    });
  });

  it("bounds a start-time range inclusively, with only the placeholders it uses", () => {
    const expressions = new Expressions();
    expect(startedWithin(expressions, "gsi1sk", undefined, undefined)).toBeUndefined();
    expect(expressions.attributes()).toEqual({});
    const both = startedWithin(expressions, "gsi1sk", "2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z");
    expect(both).toBe("#n0 BETWEEN :v0 AND :v1");
    expect(expressions.values[":v1"]).toBe("2026-02-01T00:00:00.000Z~");
    expect("2026-02-01T00:00:00.000Z#wr_z" <= String(expressions.values[":v1"])).toBe(true);
  });
});
