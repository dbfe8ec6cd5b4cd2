import { createEventBridgeClient, Events } from "@glue-run-tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsEndpoint, startAwsEndpoint } from "../../src/aws-endpoint/index.ts";
import { type BusEvent, LocalEventBridge } from "../../src/bus/index.ts";
import { silentLogger } from "../../src/logger.ts";
import {
  coreEventBridgeSdk,
  hoistedEventBridgeSdk,
  LOCAL_CREDENTIALS,
  sdkVersion,
} from "../support/eventbridge-sdk.ts";

let endpoint: AwsEndpoint;
const bridge = new LocalEventBridge({ buses: ["tracker"], logger: silentLogger });
const delivered: BusEvent[] = [];

beforeAll(async () => {
  bridge
    .bus("tracker")
    .putRule({ name: "all", pattern: { source: [{ exists: true }] }, target: (event) => void delivered.push(event) });
  bridge
    .bus("default")
    .putRule({ name: "glue", pattern: Events.glueStateChangePattern, target: (event) => void delivered.push(event) });
  endpoint = await startAwsEndpoint({ eventBridge: bridge, logger: silentLogger });
});

afterAll(async () => {
  await endpoint.close();
});

// One static type for both copies: their commands take the same input and give the same output.
type Sdk = typeof hoistedEventBridgeSdk;

describe.each([
  ["core", coreEventBridgeSdk as unknown as Sdk],
  ["hoisted", hoistedEventBridgeSdk],
] as const)("AWSEvents.PutEvents through the real SDK (%s client)", (which, sdk) => {
  const client = () =>
    new sdk.EventBridgeClient({
      region: "us-east-1",
      endpoint: endpoint.url,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });

  it(`delivers accepted events to matching rules (client ${sdkVersion(which)})`, async () => {
    // Prepare
    delivered.length = 0;
    const detail = {
      workflowName: "orders",
      runId: `wr_${which}`,
      status: "COMPLETED",
      outcome: "FAILED",
      failedNodes: [],
    };

    // Act
    const output = await client().send(
      new sdk.PutEventsCommand({
        Entries: [
          {
            EventBusName: "tracker",
            Source: "glue-run-tracker",
            DetailType: "Glue Workflow Run State Change",
            Detail: JSON.stringify(detail),
            Time: new Date("2026-03-01T10:00:00Z"),
          },
          {
            Source: "aws.glue",
            DetailType: "Glue Job State Change",
            Detail: JSON.stringify({ jobName: "j", state: "FAILED" }),
          },
        ],
      }),
    );
    await bridge.idle();

    // Assess
    expect(output.FailedEntryCount).toBe(0);
    expect(output.Entries?.map((entry) => entry.EventId).sort()).toEqual(delivered.map((event) => event.id).sort());
    const trackerEvent = delivered.find((event) => event.source === "glue-run-tracker");
    expect(trackerEvent).toMatchObject({
      time: "2026-03-01T10:00:00Z",
      detail,
      "detail-type": "Glue Workflow Run State Change",
    });
  });

  it("reports refused entries per entry, in order", async () => {
    // Act
    const output = await client().send(
      new sdk.PutEventsCommand({
        Entries: [
          { Source: "s", DetailType: "d", Detail: "{}" },
          { Source: "s", DetailType: "d", Detail: "not json" },
          { Source: "s", DetailType: "d" },
          { Source: "s", DetailType: "d", Detail: "{}", EventBusName: "missing-bus" },
        ],
      }),
    );

    // Assess
    expect(output.FailedEntryCount).toBe(3);
    expect(output.Entries?.map((entry) => entry.ErrorCode ?? entry.EventId?.length)).toEqual([
      36,
      "MalformedDetail",
      "InvalidArgument",
      "ResourceNotFoundException",
    ]);
  });

  it("answers more than 10 entries with a 400 ValidationException", async () => {
    // Prepare
    const entries = Array.from({ length: 11 }, () => ({ Source: "s", DetailType: "d", Detail: "{}" }));

    // Act
    const failure = await client()
      .send(new sdk.PutEventsCommand({ Entries: entries }))
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
  });
});

describe("the handlers' own client factory", () => {
  it("core's createEventBridgeClient reaches the endpoint through EVENTS_ENDPOINT", async () => {
    // Prepare
    delivered.length = 0;
    const client = createEventBridgeClient({ EVENTS_ENDPOINT: endpoint.url, AWS_REGION: "eu-west-1" });
    const entry = Events.runStateChangeEntry({
      workflowName: "wf",
      runId: "wr_9",
      status: "RUNNING",
      outcome: "RUNNING",
      failedNodes: [],
    });

    // Act
    const output = await client.send(
      new coreEventBridgeSdk.PutEventsCommand({ Entries: [{ ...entry, EventBusName: "tracker" }] }),
    );
    await bridge.idle();

    // Assess
    expect(output.FailedEntryCount).toBe(0);
    expect(delivered.map((event) => (event.detail as { runId: string }).runId)).toEqual(["wr_9"]);
  });
});

describe("wire errors (raw HTTP)", () => {
  async function post(target: string | undefined, body: string | Buffer, contentType = "application/x-amz-json-1.1") {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": contentType, ...(target ? { "x-amz-target": target } : {}) },
      // A copy as a plain Uint8Array: a body type both Node's and the DOM's fetch typings accept.
      body: typeof body === "string" ? body : new Uint8Array(body),
    });
    return { status: response.status, body: (await response.json()) as { __type?: string; message?: string } };
  }

  it.each([
    ["an unknown operation", "AWSEvents.PutRule", "{}", 400, "UnknownOperationException"],
    ["an unknown service", "AmazonSNS.Publish", "{}", 400, "UnknownOperationException"],
    ["no target", undefined, "{}", 400, "UnknownOperationException"],
    ["a body that is not JSON", "AWSEvents.PutEvents", "{oops", 400, "SerializationException"],
    ["a JSON array body", "AWSEvents.PutEvents", "[]", 400, "SerializationException"],
    ["Entries missing", "AWSEvents.PutEvents", "{}", 400, "ValidationException"],
    ["Entries of the wrong type", "AWSEvents.PutEvents", '{"Entries":"x"}', 400, "ValidationException"],
  ])("%s → %i %s", async (_name, target, body, status, type) => {
    // Act
    const response = await post(target, body);

    // Assess
    expect(response.status).toBe(status);
    expect(response.body.__type).toBe(type);
    expect(response.body.message).toEqual(expect.any(String));
  });

  it("refuses entries of the wrong shape per entry instead of failing", async () => {
    // Act
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.PutEvents" },
      body: JSON.stringify({
        Entries: [
          42,
          { Source: 1, DetailType: "d", Detail: "{}" },
          { Source: "s", DetailType: "d", Detail: "{}", EventBusName: 7 },
        ],
      }),
    });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ FailedEntryCount: 3 });
  });

  it("answers a body over maxBodyBytes with 413", async () => {
    // Prepare
    const small = await startAwsEndpoint({ eventBridge: bridge, logger: silentLogger, maxBodyBytes: 1024 });

    // Act
    const response = await fetch(small.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.PutEvents" },
      body: JSON.stringify({
        Entries: [{ Source: "s", DetailType: "d", Detail: JSON.stringify({ pad: "x".repeat(2048) }) }],
      }),
    });
    await small.close();

    // Assess
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ __type: "RequestEntityTooLarge" });
  });

  it("explains that the query protocol is not spoken", async () => {
    // Act
    const response = await post(undefined, "Action=SendMessage&MessageBody=x", "application/x-www-form-urlencoded");

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/JSON protocols only/);
  });
});
