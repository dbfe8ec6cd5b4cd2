/**
 * Events: what glue-local emits, compared field by field with Glue's documented examples
 * (fixtures/events), and their delivery to a callback and to an EventBridge PutEvents endpoint.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BatchStopJobRunCommand,
  StartCrawlerCommand,
  StartJobRunCommand,
  StopCrawlerCommand,
} from "@aws-sdk/client-glue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GlueEvent } from "../src/index.ts";
import { createCrawler, createJob, glueClient, LONG, startTestGlue, type TestGlue } from "./support/glue.ts";

const fixture = (name: string): GlueEvent =>
  JSON.parse(readFileSync(new URL(`fixtures/events/${name}.json`, import.meta.url), "utf8"));

/** Fields whose value differs per event; each must still have the documented format. */
const FORMATS: Record<string, RegExp> = {
  id: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  time: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
  jobRunId: /^jr_[0-9a-f]{64}$/,
  startTime: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
  completionDate: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
  startedOn: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
};

/** Replaces each variable field by its format name after checking it; run ids inside messages too. */
function normalize(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, k)]));
  }
  const format = FORMATS[key];
  if (format) {
    expect(value, key).toMatch(format);
    return `<${key}>`;
  }
  return typeof value === "string" ? value.replace(/jr_[0-9a-f]{64}/g, "<jobRunId>") : value;
}

function expectDocumentedShape(actual: GlueEvent | undefined, fixtureName: string): void {
  expect(actual, `no event for ${fixtureName}`).toBeDefined();
  expect(normalize(actual)).toEqual(normalize(fixture(fixtureName)));
}

let t: TestGlue;
beforeEach(async () => {
  t = await startTestGlue({ accountId: "123456789012", region: "us-east-1" });
});
afterEach(async () => {
  await t.stop();
});

const ofType = (type: string, state?: string) =>
  t.delivered.filter(
    (e) => e["detail-type"] === type && (state === undefined || (e.detail as { state: string }).state === state),
  );

describe("Glue Job State Change", () => {
  it.each([
    ["job-succeeded", {}, "SUCCEEDED"],
    ["job-failed", { "--sim-outcome": "FAILED", "--sim-error-message": "Access denied to s3://orders" }, "FAILED"],
    ["job-timeout", { "--sim-outcome": "TIMEOUT" }, "TIMEOUT"],
  ])("matches the documented %s example", async (name, args, state) => {
    // Prepare
    await createJob(t.client, "orders-load", args);
    // Act
    const { JobRunId } = await t.client.send(new StartJobRunCommand({ JobName: "orders-load" }));
    await t.glue.runUntilIdle();
    // Assess
    const events = ofType("Glue Job State Change");
    expect(events).toHaveLength(1);
    expectDocumentedShape(events[0], name);
    expect(events[0]?.detail).toMatchObject({ jobRunId: JobRunId, state });
  });

  it("matches the documented job-stopped example", async () => {
    // Prepare
    await createJob(t.client, "orders-load", LONG);
    const { JobRunId } = await t.client.send(new StartJobRunCommand({ JobName: "orders-load" }));
    // Act
    await t.client.send(new BatchStopJobRunCommand({ JobName: "orders-load", JobRunIds: [JobRunId as string] }));
    await t.glue.runUntilIdle();
    // Assess
    expect(ofType("Glue Job State Change")).toHaveLength(1);
    expectDocumentedShape(ofType("Glue Job State Change")[0], "job-stopped");
  });
});

describe("Glue Job Run Status", () => {
  it("matches the documented example, sent once when NotifyDelayAfter passes", async () => {
    // Prepare
    await createJob(t.client, "orders-load", LONG);
    const { JobRunId } = await t.client.send(
      new StartJobRunCommand({ JobName: "orders-load", NotificationProperty: { NotifyDelayAfter: 1 } }),
    );
    // Act
    await t.glue.runUntilIdle();
    // Assess
    const events = ofType("Glue Job Run Status");
    expect(events).toHaveLength(1);
    expectDocumentedShape(events[0], "job-run-status-running");
    const detail = events[0]?.detail as { startedOn: string; jobRunId: string };
    expect(detail.jobRunId).toBe(JobRunId);
    expect(Date.parse(events[0]?.time ?? "") - Date.parse(detail.startedOn)).toBeGreaterThanOrEqual(59_000);
  });

  it("is not sent for a run that ends before the delay", async () => {
    // Prepare
    await createJob(t.client, "quick", {}, { NotificationProperty: { NotifyDelayAfter: 1 } });
    // Act
    await t.client.send(new StartJobRunCommand({ JobName: "quick" }));
    await t.glue.runUntilIdle();
    // Assess
    expect(ofType("Glue Job Run Status")).toHaveLength(0);
    expect(ofType("Glue Job State Change")).toHaveLength(1);
  });
});

describe("Glue Crawler State Change", () => {
  it("matches the documented Started and Succeeded examples", async () => {
    // Prepare
    await createCrawler(t.client, "raw-orders", { "sim:duration-ms": "60000" });
    // Act
    await t.client.send(new StartCrawlerCommand({ Name: "raw-orders" }));
    await t.glue.runUntilIdle();
    // Assess
    const [started, succeeded, ...more] = ofType("Glue Crawler State Change");
    expect(more).toHaveLength(0);
    expectDocumentedShape(started, "crawler-started");
    expectDocumentedShape(succeeded, "crawler-succeeded");
    expect(started?.detail).toMatchObject({ startTime: started?.time });
  });

  it("matches the documented Failed example", async () => {
    // Prepare
    await createCrawler(t.client, "raw-orders", {
      "sim:outcome": "FAILED",
      "sim:error-message": "Internal Service Exception",
    });
    // Act
    await t.client.send(new StartCrawlerCommand({ Name: "raw-orders" }));
    await t.glue.runUntilIdle();
    // Assess
    expectDocumentedShape(ofType("Glue Crawler State Change", "Failed")[0], "crawler-failed");
  });

  it("sends nothing for a cancelled crawl (Glue documents Started, Succeeded and Failed only)", async () => {
    // Prepare
    await createCrawler(t.client, "raw-orders", { "sim:duration-ms": "3600000" });
    await t.client.send(new StartCrawlerCommand({ Name: "raw-orders" }));
    // Act
    await t.client.send(new StopCrawlerCommand({ Name: "raw-orders" }));
    await t.glue.runUntilIdle();
    // Assess
    expect(ofType("Glue Crawler State Change").map((e) => (e.detail as { state: string }).state)).toEqual(["Started"]);
  });
});

describe("delivery", () => {
  it("posts every event to an EventBridge endpoint as AWSEvents.PutEvents", async () => {
    // Prepare: a stand-in EventBridge on loopback
    const requests: Array<{ headers: IncomingHttpHeaders; body: { Entries: Array<Record<string, unknown>> } }> = [];
    const bus = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        requests.push({ headers: req.headers, body: JSON.parse(body) });
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ FailedEntryCount: 0, Entries: [] }));
      });
    });
    await new Promise<void>((resolve) => bus.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(bus.address() as AddressInfo).port}`;
    const local = await startTestGlue({ eventsEndpoint: endpoint, eventBusName: "default" });
    try {
      await createJob(local.client, "posted");
      // Act
      await local.client.send(new StartJobRunCommand({ JobName: "posted" }));
      await local.glue.runUntilIdle();
    } finally {
      await local.stop();
      await new Promise((resolve) => bus.close(resolve));
    }
    // Assess
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers["x-amz-target"]).toBe("AWSEvents.PutEvents");
    expect(requests[0]?.headers["content-type"]).toBe("application/x-amz-json-1.1");
    const entry = requests[0]?.body.Entries[0];
    expect(entry).toMatchObject({
      Source: "aws.glue",
      DetailType: "Glue Job State Change",
      EventBusName: "default",
      Resources: [],
    });
    expect(JSON.parse(entry?.Detail as string)).toMatchObject({
      jobName: "posted",
      state: "SUCCEEDED",
      severity: "INFO",
    });
    expect(typeof entry?.Time).toBe("number");
  });

  it("survives a callback that throws", async () => {
    // Prepare
    const local = await startTestGlue({
      onEvent: () => {
        throw new Error("subscriber bug");
      },
    });
    const warn = console.warn;
    console.warn = () => {};
    try {
      await createJob(local.client, "j");
      // Act
      await local.client.send(new StartJobRunCommand({ JobName: "j" }));
      await local.glue.runUntilIdle();
      const again = await local.client.send(new StartJobRunCommand({ JobName: "j" }));
      // Assess
      expect(again.JobRunId).toMatch(/^jr_/);
      expect(local.glue.events[0]?.detail).toMatchObject({ jobName: "j", state: "SUCCEEDED" });
    } finally {
      console.warn = warn;
      await local.stop();
    }
  });

  it("keeps working when the events endpoint is unreachable", async () => {
    // Prepare: a closed port on loopback
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const local = await startTestGlue({ eventsEndpoint: `http://127.0.0.1:${port}` });
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      await createJob(local.client, "j");
      // Act
      await local.client.send(new StartJobRunCommand({ JobName: "j" }));
      await local.glue.runUntilIdle();
      // Assess
      expect(local.glue.events).toHaveLength(1);
      expect(warnings.join("\n")).toContain("PutEvents");
      const client = glueClient(local.glue.endpoint);
      expect(await client.send(new StartJobRunCommand({ JobName: "j" }))).toHaveProperty("JobRunId");
      client.destroy();
    } finally {
      console.warn = warn;
      await local.stop();
    }
  });
});
