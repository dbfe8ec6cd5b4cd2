import { describe, expect, it } from "vitest";
import { matchRoute, parseRoutes } from "../../src/api-gateway/routes.ts";
import { LocalRuntimeError } from "../../src/errors.ts";

const table = parseRoutes([
  "GET /workflows",
  "GET /workflows/{name}",
  "GET /workflows/batch-get",
  "POST /workflows/{name}/runs",
  "ANY /workflows/{name}/runs",
  "GET /workflows/{name}/runs/{runId}",
  "GET /files/{path+}",
  "ANY /{proxy+}",
  "$default",
]);

describe("matchRoute", () => {
  it.each([
    ["GET", "/workflows", "GET /workflows", undefined],
    ["GET", "/workflows/etl", "GET /workflows/{name}", { name: "etl" }],
    ["GET", "/workflows/batch-get", "GET /workflows/batch-get", undefined],
    ["POST", "/workflows/etl/runs", "POST /workflows/{name}/runs", { name: "etl" }],
    ["DELETE", "/workflows/etl/runs", "ANY /workflows/{name}/runs", { name: "etl" }],
    ["GET", "/workflows/etl/runs/wr_1", "GET /workflows/{name}/runs/{runId}", { name: "etl", runId: "wr_1" }],
    ["GET", "/workflows/a%20b", "GET /workflows/{name}", { name: "a b" }],
    ["GET", "/files/a/b/c.txt", "GET /files/{path+}", { path: "a/b/c.txt" }],
    ["PUT", "/anything/else", "ANY /{proxy+}", { proxy: "anything/else" }],
    ["GET", "/", "$default", undefined],
  ])("%s %s → %s", (method, path, routeKey, pathParameters) => {
    // Act
    const match = matchRoute(table, true, method, path);

    // Assess
    expect(match).toEqual({ routeKey, pathParameters });
  });

  it("finds nothing when no route matches and there is no $default (API Gateway's 404)", () => {
    // Prepare
    const routes = parseRoutes(["GET /workflows"]);

    // Act / Assess
    expect(matchRoute(routes, false, "GET", "/runs")).toBeUndefined();
    expect(matchRoute(routes, false, "POST", "/workflows")).toBeUndefined();
  });

  it.each([["GET"], ["GET workflows"], ["GET /{proxy+}/tail"]])("refuses the malformed route key %j", (key) => {
    // Act / Assess
    expect(() => parseRoutes([key])).toThrow(LocalRuntimeError);
  });
});
