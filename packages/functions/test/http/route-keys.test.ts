import { describe, expect, it } from "vitest";
import { matchRouteKey, parseRouteKeys, RouteKeyError } from "../../src/http/gateway/route-keys.ts";

const table = parseRouteKeys([
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

describe("matchRouteKey", () => {
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
    const match = matchRouteKey(table, true, method, path);

    // Assess
    expect(match).toEqual({ routeKey, pathParameters });
  });

  it.each([["/workflows//runs"], ["//workflows"], ["/workflows/etl/runs//"]])(
    "matches no {param} to an empty segment in %s, as API Gateway (→ $default)",
    (path) => {
      // Prepare
      const routes = parseRouteKeys([
        "GET /workflows",
        "POST /workflows/{name}/runs",
        "GET /workflows/{name}/runs/{runId}",
      ]);

      // Act
      const match = matchRouteKey(routes, true, "POST", path);

      // Assess
      expect(match).toEqual({ routeKey: "$default", pathParameters: undefined });
    },
  );

  it("lets a greedy variable take empty segments, as it takes the rest of the path", () => {
    expect(matchRouteKey(table, true, "PUT", "/workflows//runs")).toEqual({
      routeKey: "ANY /{proxy+}",
      pathParameters: { proxy: "workflows//runs" },
    });
  });

  it("binds an empty segment only when asked (the functions' diagnosis of a $default request)", () => {
    // Act
    const match = matchRouteKey(table, true, "POST", "/workflows//runs", { emptyParameters: true });

    // Assess
    expect(match).toEqual({ routeKey: "POST /workflows/{name}/runs", pathParameters: { name: "" } });
  });

  it("finds nothing when no route matches and there is no $default (API Gateway's 404)", () => {
    // Prepare
    const routes = parseRouteKeys(["GET /workflows"]);

    // Act / Assess
    expect(matchRouteKey(routes, false, "GET", "/runs")).toBeUndefined();
    expect(matchRouteKey(routes, false, "POST", "/workflows")).toBeUndefined();
  });

  it.each([["GET"], ["GET workflows"], ["GET /{proxy+}/tail"]])("refuses the malformed route key %j", (key) => {
    // Act / Assess
    expect(() => parseRouteKeys([key])).toThrow(RouteKeyError);
  });
});
