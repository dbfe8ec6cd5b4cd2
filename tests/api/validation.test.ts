/**
 * Every request rule, checked before anything is called: path names, query
 * parameters, JSON bodies, routing (404/405), bearer auth on and off, and the
 * request id in every error body and log line.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HttpRequest } from "../../packages/functions/test/api/support/http-event.ts";
import { createEtlWorkflow } from "./support/glue-fixtures.ts";
import { type ApiHarness, type ApiResponse, startApiHarness } from "./support/harness.ts";
import { responseProblems } from "./support/openapi-check.ts";
import { seedRuns } from "./support/snapshots.ts";

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
  await createEtlWorkflow(h.glueAdmin, "etl");
  await seedRuns(h.store, [{ name: "etl", runId: "wr_1", startedOn: "2024-05-01T00:00:00.000Z" }]);
});

afterAll(async () => {
  await h?.stop();
});

function expectInvalid(response: ApiResponse, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.Code).toBe("InvalidInputException");
  expect(response.body.RequestId).toBe(response.event.requestContext.requestId);
  if (field) expect(response.body.Message).toContain(field);
}

const send = (request: HttpRequest) => h.api.request(request);
const get = (url: string) => send({ method: "GET", url });

describe("path names (1–255 UTF-8 bytes, single line)", () => {
  it.each([
    ["GET", "/workflows//runs", "an empty workflow name"],
    ["POST", "/workflows//runs", "an empty workflow name on a command route"],
    ["GET", `/workflows/${"a".repeat(256)}`, "a 256-byte workflow name"],
    ["GET", `/workflows/${"%C3%A9".repeat(128)}`, "128 two-byte characters (256 bytes)"],
    ["GET", "/workflows/night%0Aly", "a line feed in a workflow name"],
    ["GET", "/workflows/etl/runs/wr%0D1", "a carriage return in a run id"],
    ["POST", `/workflows/etl/runs/${"r".repeat(256)}/stop`, "a 256-byte run id on a command route"],
  ])("%s %s → 400 (%s)", async (method, url) => {
    expectInvalid(await send({ method, url }));
  });

  it("accepts a 255-byte name (then answers for the entity: 404)", async () => {
    const response = await get(`/workflows/${"a".repeat(255)}`);

    expect(response.status).toBe(404);
    expect(response.body.Code).toBe("EntityNotFoundException");
  });
});

describe("query parameters", () => {
  it.each([
    ["/workflows/etl/runs?maxResults=0", "maxResults"],
    ["/workflows/etl/runs?maxResults=1001", "maxResults"],
    ["/workflows/etl/runs?maxResults=ten", "maxResults"],
    ["/workflows/etl/runs?maxResults=1.5", "maxResults"],
    ["/workflows/etl/runs?maxResults=", "maxResults"],
    ["/workflows/etl/runs?maxResults=5&maxResults=6", "maxResults"],
    ["/workflows?maxResults=-1", "maxResults"],
    ["/workflows/etl/runs?status=DONE", "status"],
    ["/workflows/etl/runs?outcome=MAYBE", "outcome"],
    ["/workflows/etl/runs?includeGraph=yes", "includeGraph"],
    ["/workflows/etl/runs?startedAfter=yesterday", "startedAfter"],
    ["/workflows/etl/runs?startedAfter=2024-05-02&startedBefore=2024-05-01", "startedAfter"],
    ["/runs?since=2024-02-30", "since"],
    ["/runs?outcome=running", "outcome"],
    ["/workflows/etl/runs?MaxResults=5", "MaxResults"],
    ["/workflows/etl/runs/wr_1/timeline?includeGraph=true", "includeGraph"],
    ["/openapi.json?format=yaml", "format"],
  ])("GET %s → 400 naming %s", async (url, field) => {
    expectInvalid(await get(url), field);
  });

  it("reads an empty nextToken as the first page, as Glue reads an empty NextToken", async () => {
    // Act
    const empty = await get("/workflows/etl/runs?nextToken=");
    const none = await get("/workflows/etl/runs");

    // Assess
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body).toEqual(none.body);
  });

  it("accepts the bounds maxResults=1 and maxResults=1000", async () => {
    // Act
    const one = await get("/workflows/etl/runs?maxResults=1");
    const thousand = await get("/workflows/etl/runs?maxResults=1000&includeGraph=false");

    // Assess
    expect([one.status, thousand.status]).toEqual([200, 200]);
  });
});

describe("JSON bodies", () => {
  it.each([
    ["POST", "/workflows/batch-get", "{not json", "JSON"],
    ["PUT", "/workflows/etl/runs/wr_1/properties", '{"RunProperties": {', "JSON"],
    ["POST", "/workflows/etl/runs", "[1,2", "JSON"],
    ["POST", "/workflows/etl/runs/wr_1/resume", "NodeIds=a", "JSON"],
  ])("%s %s with malformed JSON → 400", async (method, url, body, field) => {
    expectInvalid(await send({ method, url, body }), field);
  });

  it.each([
    ["POST", "/workflows/etl/runs/wr_1/resume", { NodeIds: [] }, "NodeIds"],
    ["POST", "/workflows/etl/runs/wr_1/resume", {}, "NodeIds"],
    ["POST", "/workflows/etl/runs/wr_1/resume", { NodeIds: [""] }, "NodeIds.0"],
    ["POST", "/workflows/etl/runs/wr_1/resume", { NodeIds: ["a\nb"] }, "NodeIds.0"],
    [
      "POST",
      "/workflows/etl/runs/wr_1/resume",
      { NodeIds: Array.from({ length: 1001 }, (_, i) => `n${i}`) },
      "NodeIds",
    ],
    ["POST", "/workflows/etl/runs/wr_1/resume", { NodeIds: ["a"], Force: true }, "Force"],
    ["POST", "/workflows/etl/runs/wr_1/resume", ["a"], "(input)"],
    ["POST", "/workflows/batch-get", { Names: [] }, "Names"],
    ["POST", "/workflows/batch-get", { Names: Array.from({ length: 26 }, (_, i) => `w${i}`) }, "Names"],
    ["POST", "/workflows/batch-get", { Names: ["etl"], IncludeGraph: "yes" }, "IncludeGraph"],
    ["POST", "/workflows/batch-get", { names: ["etl"] }, "Names"],
    ["POST", "/workflows/etl/runs", { RunProperties: { "": "x" } }, "RunProperties"],
    ["POST", "/workflows/etl/runs", { RunProperties: { ["k".repeat(256)]: "x" } }, "RunProperties"],
    ["POST", "/workflows/etl/runs", { RunProperties: { day: 1 } }, "RunProperties.day"],
    ["POST", "/workflows/etl/runs", { RunProperties: { day: "1" }, Extra: 1 }, "Extra"],
    ["POST", "/workflows/etl/runs", "42", "(input)"],
    ["PUT", "/workflows/etl/runs/wr_1/properties", { RunProperties: { "a\nb": "x" } }, "RunProperties"],
    ["POST", "/workflows/etl/runs/wr_1/stop", { Now: true }, "Now"],
  ])("%s %s %j → 400 naming %s", async (method, url, body, field) => {
    expectInvalid(await send({ method, url, body }), field);
  });

  it("requires a body where the operation needs one", async () => {
    expectInvalid(await send({ method: "PUT", url: "/workflows/etl/runs/wr_1/properties" }), "body");
  });

  it("reads a base64-encoded body as API Gateway delivers binary content types", async () => {
    const response = await send({
      method: "POST",
      url: "/workflows/batch-get",
      body: { Names: ["etl"] },
      base64: true,
    });

    expect(response.status).toBe(200);
    expect(response.body.Workflows.map((w: { Name: string }) => w.Name)).toEqual(["etl"]);
  });
});

describe("routing", () => {
  it.each(["/nope", "/workflows/etl/runs/wr_1/timeline/extra", "/", "/runs/wr_1"])(
    "GET %s → 404 NotFoundException",
    async (url) => {
      const response = await get(url);

      expect(response.status).toBe(404);
      expect(response.body.Code).toBe("NotFoundException");
    },
  );

  it.each([
    ["DELETE", "/workflows/etl", "GET"],
    ["PATCH", "/workflows/etl/runs", "GET, POST"],
    ["GET", "/workflows/etl/runs/wr_1/stop", "POST"],
    ["DELETE", "/workflows/etl/runs/wr_1/properties", "GET, PUT"],
    ["POST", "/openapi.json", "GET"],
    ["PUT", "/runs", "GET"],
  ])("%s %s → 405 with Allow: %s", async (method, url, allow) => {
    const response = await send({ method, url });

    expect(response.status).toBe(405);
    expect(response.body.Code).toBe("MethodNotAllowedException");
    expect(response.headers.allow).toBe(allow);
  });
});

describe("bearer auth (TRACKER_API_TOKEN)", () => {
  const token = "s3cret-token-for-tests";

  it.each([
    ["no Authorization header", {}],
    ["a wrong token", { Authorization: "Bearer s3cret-token-for-test" }],
    ["a longer wrong token", { Authorization: `Bearer ${token}x` }],
    ["another scheme", { Authorization: `Basic ${token}` }],
    ["the token without a scheme", { Authorization: token }],
  ])("refuses %s with 401 UnauthorizedException on every route", async (_label, headers) => {
    // Prepare
    const api = h.client({ apiToken: token });

    // Act
    const responses = await Promise.all(
      [
        { method: "GET", url: "/workflows" },
        { method: "GET", url: "/openapi.json" },
        { method: "POST", url: "/workflows/etl/runs" },
        { method: "GET", url: "/no-such-route" },
      ].map((request) => api.request({ ...request, headers })),
    );

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(response.body.Code).toBe("UnauthorizedException");
      expect(response.headers["www-authenticate"]).toBe("Bearer");
    }
  });

  it("lets the right token through (scheme case-insensitive)", async () => {
    // Prepare
    const api = h.client({ apiToken: token });

    // Act
    const workflows = await api.request({
      method: "GET",
      url: "/workflows",
      headers: { authorization: `bearer ${token}` },
    });
    const doc = await api.request({
      method: "GET",
      url: "/openapi.json",
      headers: { Authorization: `Bearer ${token}` },
    });

    // Assess
    expect([workflows.status, doc.status]).toEqual([200, 200]);
  });

  it("asks for nothing when no token is configured", async () => {
    const response = await h.api.request({
      method: "GET",
      url: "/workflows",
      headers: { Authorization: "Bearer whatever" },
    });

    expect(response.status).toBe(200);
  });
});

describe("request id", () => {
  it("is on every log line of the request, and in the error body", async () => {
    // Prepare
    const lines: string[] = [];
    const logger = new Logger({ serviceName: "api-test", logLevel: "INFO" });
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });

    // Act
    const response = await h
      .client({ logger })
      .request({ method: "GET", url: "/workflows/etl/runs?maxResults=0" })
      .finally(() => spy.mockRestore());

    // Assess
    const records = lines
      .flatMap((line) => line.split("\n"))
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line));
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const record of records) expect(record.requestId).toBe(response.event.requestContext.requestId);
    expect(response.body.RequestId).toBe(response.event.requestContext.requestId);
  });
});

it("every response above validates against the served OpenAPI document", async () => {
  const { body: document } = await get("/openapi.json");

  expect(h.responses.length).toBeGreaterThan(60);
  expect(responseProblems(document, h.responses)).toEqual([]);
});
