import { describe, expect, it } from "vitest";
import { DashboardConfigError, parseDashboardConfig } from "../src/config.ts";
import { errorFields, httpErrorMessage, networkErrorMessage } from "../src/page/api-errors.ts";

describe("parseDashboardConfig", () => {
  it("reads the three auth kinds", () => {
    expect(parseDashboardConfig({ apiBaseUrl: "", auth: { kind: "none" } })).toEqual({
      apiBaseUrl: "",
      auth: { kind: "none" },
    });
    expect(parseDashboardConfig({ apiBaseUrl: "", auth: { kind: "token" } }).auth).toEqual({ kind: "token" });
    const cognito = {
      kind: "cognito",
      domain: "https://p.auth.eu-west-1.amazoncognito.com",
      clientId: "abc",
      redirectUri: "https://d.cloudfront.net/ui/callback",
      scopes: { read: "tracker/read", operate: "tracker/operate" },
    };
    expect(
      parseDashboardConfig({ apiBaseUrl: "https://x.execute-api.eu-west-1.amazonaws.com/", auth: cognito }),
    ).toEqual({
      apiBaseUrl: "https://x.execute-api.eu-west-1.amazonaws.com/",
      auth: cognito,
    });
  });

  it("defaults to the same origin without auth", () => {
    expect(parseDashboardConfig({})).toEqual({ apiBaseUrl: "", auth: { kind: "none" } });
  });

  it.each([
    [null, /JSON object/],
    [{ apiBaseUrl: "javascript:alert(1)" }, /apiBaseUrl/],
    [{ auth: { kind: "basic" } }, /auth.kind/],
    [{ auth: { kind: "cognito", domain: "http://insecure", clientId: "a" } }, /auth.domain/],
    [{ auth: { kind: "cognito", domain: "https://d", clientId: "a", redirectUri: "https://r" } }, /scopes/],
  ])("refuses %j with a clear DashboardConfigError", (value, message) => {
    expect(() => parseDashboardConfig(value)).toThrow(DashboardConfigError);
    expect(() => parseDashboardConfig(value)).toThrow(message);
  });
});

describe("API error messages", () => {
  it("quote the API's Code and Message", () => {
    expect(httpErrorMessage(500, { Code: "InternalServiceException", Message: "boom", RequestId: "r" })).toBe(
      "The tracker API answered 500 InternalServiceException: boom",
    );
    expect(
      httpErrorMessage(409, { Code: "IllegalWorkflowStateException", Message: "<img src=x onerror=alert(1)>" }),
    ).toBe("The tracker API answered 409 IllegalWorkflowStateException: <img src=x onerror=alert(1)>");
  });

  it("read API Gateway's own {message} answers and bodies that are not errors", () => {
    expect(httpErrorMessage(503, { message: "Service Unavailable" })).toBe(
      "The tracker API answered 503: Service Unavailable",
    );
    expect(httpErrorMessage(502, undefined)).toBe("The tracker API answered 502 without an error body");
    expect(errorFields("text")).toEqual({ code: undefined, message: undefined });
  });

  it("name the API that could not be reached", () => {
    expect(networkErrorMessage("http://127.0.0.1:1", new TypeError("Failed to fetch"))).toBe(
      "Could not reach the tracker API at http://127.0.0.1:1 (Failed to fetch)",
    );
  });
});
