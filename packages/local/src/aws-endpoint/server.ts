/**
 * One local HTTP endpoint that speaks the AWS JSON protocols the SDK clients use, so
 * handler code with `@aws-sdk/client-eventbridge` / `@aws-sdk/client-sqs` and an endpoint
 * override runs unchanged: `X-Amz-Target: AWSEvents.PutEvents` (JSON 1.1) and
 * `X-Amz-Target: AmazonSQS.<Operation>` (JSON 1.0). Signatures are not checked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { refuseForeignHost } from "../api-gateway/host-check.ts";
import type { LocalEventBridge } from "../bus/event-bus.ts";
import { BodyTooLargeError, baseUrlOf, closeServer, listen, readBody } from "../http/server.ts";
import type { RuntimeLogger } from "../logger.ts";
import type { LocalSqs } from "../queue/local-sqs.ts";
import { EVENTS_OPERATIONS, runEventsOperation } from "./events/put-events.ts";
import { runSqsOperation, SQS_OPERATIONS } from "./sqs/index.ts";
import { AwsWireError, JsonVersion, parseInput, replyError, replyJson, unknownOperation } from "./wire.ts";

export interface AwsEndpointOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the endpoint is for this machine only. */
  host?: string;
  /** Serves AWSEvents.PutEvents when set. */
  eventBridge?: LocalEventBridge;
  /** Serves AmazonSQS.* when set; its queue URLs are pointed at this endpoint. */
  sqs?: LocalSqs;
  logger?: RuntimeLogger;
  /** Request bodies above this are refused with 413. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Serves GET /metrics (Prometheus text) when set: the local stand-in for CloudWatch metrics. */
  metrics?: { text(): string };
}

export interface AwsEndpoint {
  /** e.g. http://127.0.0.1:4573 — set it as EVENTS_ENDPOINT / SQS_ENDPOINT. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * @example
 * const endpoint = await startAwsEndpoint({ port: 4573, eventBridge: bridge, sqs });
 * process.env.EVENTS_ENDPOINT = endpoint.url;
 * process.env.SQS_ENDPOINT = endpoint.url;
 * // later: await endpoint.close();
 */
export async function startAwsEndpoint(options: AwsEndpointOptions = {}): Promise<AwsEndpoint> {
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger ?? console;
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error("[aws-endpoint] unexpected failure", error);
      if (!response.headersSent)
        replyError(
          response,
          JsonVersion.V1_1,
          new AwsWireError("InternalFailure", "Internal failure", { status: 500 }),
        );
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // It answers SQS ReceiveMessage and PutEvents: the same DNS-rebinding guard as the API.
    if (refuseForeignHost(request, response)) return;
    if (request.method === "GET" && options.metrics && request.url?.split("?")[0] === "/metrics") {
      request.resume();
      response.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      response.end(options.metrics.text());
      return;
    }
    if (request.method !== "POST") {
      request.resume();
      replyJson(response, JsonVersion.V1_1, describe(options));
      return;
    }
    const target = String(request.headers["x-amz-target"] ?? "");
    const [service, operation = ""] = target.split(".", 2);
    const version = service === "AmazonSQS" ? JsonVersion.V1_0 : JsonVersion.V1_1;
    try {
      if (!target && String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) {
        throw new AwsWireError(
          "InvalidAction",
          "The local endpoint speaks the AWS JSON protocols only (X-Amz-Target); the AWS query protocol is not supported. Use a recent AWS SDK or CLI.",
        );
      }
      const input = parseInput(await readBody(request, maxBodyBytes));
      let output: unknown;
      if (service === "AWSEvents" && options.eventBridge)
        output = runEventsOperation(options.eventBridge, operation, input);
      else if (service === "AmazonSQS" && options.sqs) output = await runSqsOperation(options.sqs, operation, input);
      else throw unknownOperation(target);
      replyJson(response, version, output);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        replyError(response, version, new AwsWireError("RequestEntityTooLarge", error.message, { status: 413 }));
      } else if (error instanceof AwsWireError) {
        replyError(response, version, error);
      } else {
        throw error;
      }
    }
  }

  const address = await listen(server, options.port ?? 0, host);
  const url = baseUrlOf(host, address);
  options.sqs?.setBaseUrl(url);
  return { url, port: address.port, close: () => closeServer(server) };
}

/** What a GET shows: which operations this endpoint speaks (a health check too). */
function describe(options: AwsEndpointOptions) {
  return {
    service: "glue-run-tracker local AWS endpoint",
    targets: [
      ...(options.eventBridge ? EVENTS_OPERATIONS.map((operation) => `AWSEvents.${operation}`) : []),
      ...(options.sqs ? SQS_OPERATIONS.map((operation) => `AmazonSQS.${operation}`) : []),
    ],
  };
}
