import { request as httpRequest } from "node:http";
import middy from "@middy/core";
import httpErrorHandler from "@middy/http-error-handler";
import httpJsonBodyParser from "@middy/http-json-body-parser";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiGateway, type ApiGatewayOptions, startApiGateway } from "../../src/api-gateway/index.ts";
import { PortInUseError } from "../../src/errors.ts";
import { silentLogger } from "../../src/logger.ts";

const started: ApiGateway[] = [];

async function gateway(options: ApiGatewayOptions): Promise<ApiGateway> {
  const api = await startApiGateway({ logger: silentLogger, ...options });
  started.push(api);
  return api;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((api) => api.close()));
});

/** A handler that answers with the event and context it was given. */
function echo() {
  const seen: Array<{ event: APIGatewayProxyEventV2; context: Context }> = [];
  const handler = (event: APIGatewayProxyEventV2, context: Context) => {
    seen.push({ event, context });
    return { ok: true };
  };
  return { seen, handler };
}

/** node:http lets a test send repeated headers, which fetch merges. */
function rawGet(url: string, headers: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    // An array of headers replaces node's defaults, Host included.
    const request = httpRequest(
      url,
      { method: "GET", headers: ["Host", new URL(url).host, ...headers] },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end();
  });
}

describe("the APIGatewayProxyEventV2 the handler receives", () => {
  it("is built as API Gateway builds it", async () => {
    // Prepare
    const { seen, handler } = echo();
    const api = await gateway({
      handler,
      routes: ["GET /workflows/{name}/runs", "$default"],
      apiId: "a1b2c3d4e5",
      functionName: "read",
    });

    // Act
    const status = await rawGet(
      `${api.url}/workflows/orders%20daily/runs?status=FAILED&status=ERROR&limit=5&flag&q=a%2Cb`,
      ["X-Custom", "one", "x-custom", "two", "Cookie", "session=abc; theme=dark", "User-Agent", "vitest"],
    );

    // Assess
    expect(status).toBe(200);
    const [{ event, context } = {} as never] = seen;
    expect(event).toEqual({
      version: "2.0",
      routeKey: "GET /workflows/{name}/runs",
      rawPath: "/workflows/orders%20daily/runs",
      rawQueryString: "status=FAILED&status=ERROR&limit=5&flag&q=a%2Cb",
      cookies: ["session=abc", "theme=dark"],
      headers: expect.objectContaining({
        "x-custom": "one,two",
        "user-agent": "vitest",
        host: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      }),
      queryStringParameters: { status: "FAILED,ERROR", limit: "5", flag: "", q: "a,b" },
      requestContext: {
        accountId: "000000000000",
        apiId: "a1b2c3d4e5",
        domainName: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        domainPrefix: "127",
        http: {
          method: "GET",
          path: "/workflows/orders%20daily/runs",
          protocol: "HTTP/1.1",
          sourceIp: "127.0.0.1",
          userAgent: "vitest",
        },
        requestId: expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/),
        routeKey: "GET /workflows/{name}/runs",
        stage: "$default",
        time: expect.stringMatching(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
        timeEpoch: expect.any(Number),
      },
      pathParameters: { name: "orders daily" },
      isBase64Encoded: false,
    });
    expect(event.headers).not.toHaveProperty("cookie");
    expect(event).not.toHaveProperty("body");
    expect(context).toMatchObject({ functionName: "read", awsRequestId: expect.any(String) });
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(30_000);
  });

  it("passes text bodies as-is and base64-encodes binary ones", async () => {
    // Prepare
    const { seen, handler } = echo();
    const api = await gateway({ handler });

    // Act
    await fetch(`${api.url}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: '{"a":1}',
    });
    await fetch(`${api.url}/blob`, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream" },
      body: Uint8Array.from([0, 1, 2, 255]),
    });

    // Assess
    expect(seen.map(({ event }) => [event.routeKey, event.body, event.isBase64Encoded])).toEqual([
      ["$default", '{"a":1}', false],
      ["$default", Buffer.from([0, 1, 2, 255]).toString("base64"), true],
    ]);
    expect(seen[0]?.event).not.toHaveProperty("queryStringParameters");
    expect(seen[0]?.event).not.toHaveProperty("pathParameters");
  });

  it("sends each route to its own integration", async () => {
    // Prepare
    const read = echo();
    const commands = echo();
    const api = await gateway({
      routes: [
        { routeKey: "POST /workflows/{name}/runs", handler: commands.handler, functionName: "commands" },
        { routeKey: "$default", handler: read.handler, functionName: "read" },
      ],
    });

    // Act
    await fetch(`${api.url}/workflows/etl/runs`, { method: "POST" });
    await fetch(`${api.url}/workflows/etl/runs`);

    // Assess
    expect(commands.seen.map(({ event, context }) => [event.routeKey, context.functionName])).toEqual([
      ["POST /workflows/{name}/runs", "commands"],
    ]);
    expect(read.seen.map(({ event, context }) => [event.routeKey, context.functionName])).toEqual([
      ["$default", "read"],
    ]);
  });
});

describe("the response, by the payload format 2.0 rules", () => {
  it("writes a structured response: status, headers, cookies, base64 body", async () => {
    // Prepare
    const api = await gateway({
      handler: () => ({
        statusCode: 201,
        headers: { "Content-Type": "image/png", "X-Count": 3 },
        cookies: ["a=1; Path=/", "b=2"],
        body: Buffer.from([137, 80, 78, 71]).toString("base64"),
        isBase64Encoded: true,
      }),
    });

    // Act
    const response = await fetch(`${api.url}/x`);

    // Assess
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-count")).toBe("3");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2"]);
    expect(response.headers.get("apigw-requestid")).toEqual(expect.any(String));
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([137, 80, 78, 71]);
  });

  it("sends anything without statusCode as a 200 JSON body", async () => {
    // Prepare
    const api = await gateway({ handler: async () => ({ workflows: ["a"] }) });

    // Act
    const response = await fetch(`${api.url}/workflows`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ workflows: ["a"] });
  });

  it("works with a real middy handler (json body parser, error handler)", async () => {
    // Prepare
    const handler = middy<APIGatewayProxyEventV2 & { body: unknown }>()
      .use(httpJsonBodyParser())
      .use(httpErrorHandler({ logger: false }))
      .handler(async (event) => ({
        statusCode: 202,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ got: event.body }),
      }));
    const api = await gateway({ handler: handler as never });

    // Act
    const accepted = await fetch(`${api.url}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"runId":"wr_1"}',
    });
    const refused = await fetch(`${api.url}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{broken",
    });

    // Assess
    expect([accepted.status, await accepted.json()]).toEqual([202, { got: { runId: "wr_1" } }]);
    expect(refused.status).toBe(422);
  });
});

describe("API Gateway's own answers", () => {
  it("500 when the handler throws", async () => {
    // Prepare
    const api = await gateway({
      handler: () => {
        throw new Error("secret internals");
      },
    });

    // Act
    const response = await fetch(`${api.url}/x`);

    // Assess
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
  });

  it.each([
    ["a statusCode that is not a status", { statusCode: 42 }],
    ["a body that is not a string", { statusCode: 200, body: { a: 1 } }],
    ["a header that is an object", { statusCode: 200, headers: { x: { y: 1 } } }],
  ])("500 for a malformed response: %s", async (_name, result) => {
    // Prepare
    const api = await gateway({ handler: () => result });

    // Act
    const response = await fetch(`${api.url}/x`);

    // Assess
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
  });

  it("404 Not Found for an unmatched route when the table has no $default", async () => {
    // Prepare
    const { seen, handler } = echo();
    const api = await gateway({ handler, routes: ["GET /workflows"] });

    // Act
    const response = await fetch(`${api.url}/nope`);

    // Assess
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Not Found" });
    expect(seen).toEqual([]);
  });

  it("413 for a body over the limit", async () => {
    // Prepare
    const { seen, handler } = echo();
    const api = await gateway({ handler, maxBodyBytes: 1024 });

    // Act
    const response = await fetch(`${api.url}/x`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x".repeat(2048),
    });

    // Assess
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: "Request Entity Too Large" });
    expect(seen).toEqual([]);
  });

  it("503 when the handler outlives the integration timeout", async () => {
    // Prepare
    const api = await gateway({ handler: () => new Promise(() => {}), timeoutSeconds: 0.05 });

    // Act
    const response = await fetch(`${api.url}/x`);

    // Assess
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: "Service Unavailable" });
  });
});

describe("start-up", () => {
  it("names the port when it is taken", async () => {
    // Prepare
    const first = await gateway({ handler: () => ({}) });

    // Act
    const failure = await startApiGateway({ handler: () => ({}), port: first.port, logger: silentLogger }).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(failure).toBeInstanceOf(PortInUseError);
    expect(failure).toMatchObject({ port: first.port, host: "127.0.0.1" });
  });

  it("refuses a route without a handler", async () => {
    // Act / Assess
    await expect(startApiGateway({ routes: ["GET /x"] })).rejects.toThrow(/has no handler/);
  });
});
