import { describe, expect, it } from "vitest";
import { isAuthorized } from "../../src/http/bearer-auth.ts";

const withAuth = (value?: string) => ({ headers: value === undefined ? {} : { authorization: value } });

describe("isAuthorized", () => {
  it("lets everything through when no token is configured", () => {
    expect(isAuthorized(withAuth(), undefined)).toBe(true);
    expect(isAuthorized(withAuth(), "")).toBe(true);
  });

  it("accepts exactly the configured token, scheme case-insensitive", () => {
    expect(isAuthorized(withAuth("Bearer t0ken"), "t0ken")).toBe(true);
    expect(isAuthorized(withAuth("bearer t0ken"), "t0ken")).toBe(true);
    expect(isAuthorized({ headers: { Authorization: "Bearer t0ken" } }, "t0ken")).toBe(true);
  });

  it.each([
    undefined,
    "",
    "Bearer",
    "Bearer ",
    "Bearer t0ke",
    "Bearer t0ken2",
    "Basic t0ken",
    "t0ken",
    "Bearer t0ken extra",
  ])("refuses %j", (header) => {
    expect(isAuthorized(withAuth(header), "t0ken")).toBe(false);
  });
});
