/**
 * The three places that route an API request — the local API Gateway adapter, the test event
 * builder and the functions' own dispatcher — must pick the same route for the same path.
 * They used to disagree on an empty segment: for `GET /workflows//runs` the adapter chose
 * `GET /workflows/{name}` (name "runs"), the test builder `$default`, the dispatcher
 * `GET /workflows/{name}/runs` (name ""). API Gateway matches no `{param}` to an empty
 * segment, so the answer is `$default`, which the read function answers 400 (docs/decisions/consolidation-one-router.md).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReadHandler } from "../../packages/functions/src/api/read-handler.ts";
import { routeKey, routeList } from "../../packages/functions/src/api/routes.ts";
import { httpEvent, lambdaContext } from "../../packages/functions/test/api/support/http-event.ts";
import { createMemoryStore } from "../../packages/functions/test/api/support/memory-store.ts";
import { type ApiGateway, startApiGateway } from "../../packages/local/src/api-gateway/index.ts";
import { silentLogger } from "../../packages/local/src/logger.ts";

const paths = [
  ["GET", "/workflows//runs", "$default"],
  ["POST", "/workflows//runs", "$default"],
  ["GET", "//workflows", "$default"],
  ["GET", "/workflows/etl//timeline", "$default"],
  ["GET", "/workflows/etl/runs//timeline", "$default"],
  ["GET", "/workflows/etl/runs", "GET /workflows/{name}/runs"],
  ["GET", "/workflows/batch-get", "GET /workflows/{name}"],
  ["POST", "/workflows/batch-get", "POST /workflows/batch-get"],
  ["GET", "/workflows/", "GET /workflows"],
  ["GET", "/workflows/a%20b", "GET /workflows/{name}"],
  ["DELETE", "/workflows/etl", "$default"],
  ["GET", "/", "$default"],
] as const;

let api: ApiGateway;
const seen: APIGatewayProxyEventV2[] = [];

beforeAll(async () => {
  const record = (event: APIGatewayProxyEventV2) => {
    seen.push(event);
    return { statusCode: 204 };
  };
  api = await startApiGateway({
    handler: record,
    routes: [...routeList.map(routeKey), "$default"],
    logger: silentLogger,
  });
});

afterAll(async () => {
  await api?.close();
});

async function adapterRouteKey(method: string, path: string): Promise<string | undefined> {
  seen.length = 0;
  const response = await fetch(`${api.url}${path}`, { method });
  await response.arrayBuffer();
  return seen[0]?.routeKey;
}

describe("one route matcher for the local adapter, the test events and the functions", () => {
  it.each(paths)("%s %s → %s in the local adapter and the test event builder alike", async (method, path, key) => {
    // Act
    const adapter = await adapterRouteKey(method, path);
    const builder = httpEvent({ method, url: path }, routeList).routeKey;

    // Assess
    expect({ adapter, builder }).toEqual({ adapter: key, builder: key });
  });

  it("answers an empty workflow name 400 naming `name`, whichever way the request arrived", async () => {
    // Prepare
    const read = createReadHandler({
      store: createMemoryStore(),
      logger: new Logger({ serviceName: "routing-test", logLevel: "SILENT" }),
    });
    await adapterRouteKey("GET", "/workflows//runs");
    const fromAdapter = seen[0] as APIGatewayProxyEventV2;
    const fromBuilder = httpEvent({ method: "GET", url: "/workflows//runs" }, routeList);

    // Act
    const answers = await Promise.all([fromAdapter, fromBuilder].map((event) => read(event, lambdaContext("read"))));

    // Assess
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(400);
      expect(JSON.parse(answer.body).Message).toContain("name");
    }
  });
});
