import { describe, expect, it } from "vitest";
import { InvalidRequestError, MethodNotAllowedError, RouteNotFoundError } from "../../src/http/errors.ts";
import { createGatewayRouter, createRouter } from "../../src/http/router.ts";

const routes = [
  { method: "GET", path: "/workflows" },
  { method: "GET", path: "/workflows/{name}" },
  { method: "POST", path: "/workflows/batch-get" },
  { method: "GET", path: "/workflows/{name}/runs" },
  { method: "POST", path: "/workflows/{name}/runs" },
] as const;

describe("createRouter", () => {
  const match = createRouter(routes);

  it("matches literal segments before parameters", () => {
    expect(match("POST", "/workflows/batch-get").route.path).toBe("/workflows/batch-get");
    expect(match("GET", "/workflows/batch-get").route.path).toBe("/workflows/{name}");
  });

  it("ignores one trailing slash", () => {
    expect(match("GET", "/workflows/").route.path).toBe("/workflows");
  });

  it("tells an unknown path (404) from a known path with another method (405 + Allow)", () => {
    expect(() => match("GET", "/jobs")).toThrow(RouteNotFoundError);
    try {
      match("DELETE", "/workflows/etl/runs");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MethodNotAllowedError);
      expect((error as MethodNotAllowedError).allow).toEqual(["GET", "POST"]);
    }
  });
});

describe("createGatewayRouter", () => {
  const route = createGatewayRouter(routes);

  it("trusts API Gateway's route key and its decoded path parameters", () => {
    // A name holding "/" arrives decoded in rawPath on AWS: only the route key can place it.
    const matched = route({
      method: "GET",
      rawPath: "/workflows/a/b/runs",
      routeKey: "GET /workflows/{name}/runs",
      pathParameters: { name: "a/b" },
    });

    expect(matched).toEqual({ route: routes[3], params: { name: "a/b" } });
  });

  it("matches the path itself under $default, decoding each parameter once", () => {
    const matched = route({ method: "POST", rawPath: "/workflows/a%2Fb%20c/runs", routeKey: "$default" });

    expect(matched).toEqual({ route: routes[4], params: { name: "a/b c" } });
  });

  it("refuses a malformed percent-encoding with InvalidRequestError", () => {
    expect(() => route({ method: "GET", rawPath: "/workflows/%E0%A4%A" })).toThrow(InvalidRequestError);
  });
});
