/**
 * The API under test, in-process: dynalite with the tracker table, glue-local, the
 * real run store and both API functions, invoked with API Gateway HTTP API events
 * routed the way API Gateway routes them (route key → its function, `$default` →
 * read). Every response is recorded for the OpenAPI conformance check.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { GetWorkflowRunCommand, type GlueClient } from "@aws-sdk/client-glue";
import { createGlueClient, Glue, Ingest, ObservedVia, type RunStore, Runs, Store } from "@glue-run-tracker/core";
import type { WorkflowRun } from "@glue-run-tracker/glue-model";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { type GlueLocal, type GlueLocalOptions, startGlueLocal } from "glue-local";
import { createCommandsHandler, createReadHandler } from "../../../packages/functions/src/api/handlers.ts";
import { ApiFunction, routeList } from "../../../packages/functions/src/api/routes.ts";
import { type HttpRequest, httpEvent, lambdaContext } from "../../../packages/functions/test/api/support/http-event.ts";
import { startDynamo, type TestDynamo } from "../../support/dynamo.ts";
import type { RecordedResponse } from "./openapi-check.ts";

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  body: any;
  event: APIGatewayProxyEventV2;
}

export interface ApiClient {
  request(request: HttpRequest): Promise<ApiResponse>;
}

export interface ClientOptions {
  apiToken?: string;
  /** Point the commands function at another Glue (e.g. a closed port). */
  glueEndpoint?: string;
  /** The Glue client's socket timeouts (default 2 s). */
  glueTimeoutMs?: number;
  /** The commands' own abort of a Glue call (the gateway's abortAfterMs). */
  glueAbortMs?: number;
  logger?: Logger;
}

export interface ApiHarness {
  dynamo: TestDynamo;
  glue: GlueLocal;
  /** A Glue client for test setup (create workflows, jobs, triggers). */
  glueAdmin: GlueClient;
  store: RunStore;
  publisher: ReturnType<typeof Ingest.createMemoryPublisher>;
  /** No auth, Glue = glue-local. */
  api: ApiClient;
  client(options: ClientOptions): ApiClient;
  /** Every response so far, for the OpenAPI check. */
  responses: RecordedResponse[];
  /** What ingest would do once Glue's events arrive: GetWorkflowRun → recordSnapshot. */
  syncRun(name: string, runId: string): Promise<void>;
  stop(): Promise<void>;
}

export const PAGINATION_SECRET = "api-test-pagination-secret";

export const silentLogger = () => new Logger({ serviceName: "api-test", logLevel: "SILENT" });

function glueClientFor(endpoint: string, timeoutMs?: number): GlueClient {
  return createGlueClient(
    { GLUE_ENDPOINT: endpoint, AWS_REGION: "us-east-1" },
    timeoutMs === undefined ? {} : { timeoutMs },
  );
}

/**
 * @example
 * const h = await startApiHarness({ glue: { timeScale: 1000 } });
 * const res = await h.api.request({ method: "GET", url: "/workflows" });
 */
export async function startApiHarness(options: { glue?: GlueLocalOptions } = {}): Promise<ApiHarness> {
  const dynamo = await startDynamo();
  const glue = await startGlueLocal({ ...options.glue, env: {} });
  const store = Store.createRunStore({
    client: dynamo.documentClient,
    tableName: dynamo.tableName,
    paginationSecret: PAGINATION_SECRET,
  });
  const publisher = Ingest.createMemoryPublisher();
  const recorder = { store, publisher };
  const responses: RecordedResponse[] = [];
  const glueClients: GlueClient[] = [];

  const client = (clientOptions: ClientOptions): ApiClient => {
    const logger = clientOptions.logger ?? silentLogger();
    const glueClient = glueClientFor(clientOptions.glueEndpoint ?? glue.endpoint, clientOptions.glueTimeoutMs ?? 2_000);
    glueClients.push(glueClient);
    const handlers = {
      [ApiFunction.Read]: createReadHandler({ store, logger, apiToken: clientOptions.apiToken }),
      [ApiFunction.Commands]: createCommandsHandler({
        glue: Glue.createGlueGateway({
          client: glueClient,
          abortAfterMs: clientOptions.glueAbortMs,
          throttleRetries: 0,
        }),
        store,
        recorder,
        logger,
        apiToken: clientOptions.apiToken,
      }),
    };
    return {
      async request(request) {
        const event = httpEvent(request, routeList);
        const route = routeList.find((r) => `${r.method} ${r.path}` === event.routeKey);
        const handler = handlers[route?.fn ?? ApiFunction.Read];
        const result = await handler(event, lambdaContext(route?.fn ?? ApiFunction.Read));
        const body = result.body === "" ? undefined : JSON.parse(result.body);
        responses.push({
          method: event.requestContext.http.method,
          path: request.url.split("?")[0] ?? "/",
          status: result.statusCode,
          body,
        });
        return { status: result.statusCode, headers: (result.headers ?? {}) as Record<string, string>, body, event };
      },
    };
  };

  const glueAdmin = glueClientFor(glue.endpoint);
  return {
    dynamo,
    glue,
    glueAdmin,
    store,
    publisher,
    api: client({}),
    client,
    responses,
    async syncRun(name, runId) {
      const { Run } = await glueAdmin.send(new GetWorkflowRunCommand({ Name: name, RunId: runId, IncludeGraph: true }));
      await Ingest.recordSnapshot(recorder, Runs.toRunSnapshot(Run as WorkflowRun), ObservedVia.Event);
    },
    async stop() {
      for (const c of [...glueClients, glueAdmin]) c.destroy();
      await glue.stop();
      await dynamo.stop();
    },
  };
}
