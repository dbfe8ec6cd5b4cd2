/**
 * The local AWS endpoint (EventBridge PutEvents, SQS, /metrics) refuses a Host header
 * that is not a loopback name, as the API does: a page on another origin rebinding its
 * name to 127.0.0.1 must not read queue messages or put events.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwsEndpoint } from "../../src/aws-endpoint/index.ts";
import { LocalEventBridge } from "../../src/bus/index.ts";
import { LocalSqs } from "../../src/queue/index.ts";

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
const sqs = new LocalSqs({ timeScale: 1, region: "us-east-1" });

beforeAll(async () => {
  sqs.createQueue("ingest");
  endpoint = await startAwsEndpoint({ port: 0, eventBridge: new LocalEventBridge({ buses: [] }), sqs });
});

afterAll(async () => {
  await endpoint?.close();
  await sqs.stop();
});

/** An SQS ReceiveMessage call with this Host header (fetch cannot set Host). */
function receiveWithHost(host: string): Promise<number> {
  const port = new URL(endpoint.url).port;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/",
        method: "POST",
        headers: {
          host,
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "AmazonSQS.ReceiveMessage",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ QueueUrl: sqs.getQueue("ingest").url }));
  });
}

describe("local AWS endpoint Host check", () => {
  it("answers a loopback Host", async () => {
    expect(await receiveWithHost(`127.0.0.1:${new URL(endpoint.url).port}`)).toBe(200);
  });

  it("refuses another Host with 403", async () => {
    expect(await receiveWithHost(`attacker.example:${new URL(endpoint.url).port}`)).toBe(403);
  });
});
