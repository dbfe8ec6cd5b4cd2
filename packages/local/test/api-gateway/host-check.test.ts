/**
 * The local API refuses a Host header that is not a loopback name (DNS rebinding;
 * issue 12, point 9), through real HTTP with the Host header set by hand.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../src/api-gateway/host-check.ts";
import { type ApiGateway, startApiGateway } from "../../src/api-gateway/server.ts";

let gateway: ApiGateway;
let calls = 0;

beforeAll(async () => {
  gateway = await startApiGateway({
    handler: async () => {
      calls += 1;
      return { statusCode: 200, body: "ok" };
    },
  });
});

afterAll(async () => {
  await gateway?.close();
});

/** GET / with this Host header (fetch cannot set Host). */
function getWithHost(host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: gateway.port, path: "/", headers: { host } }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("local API Host check", () => {
  it.each(["127.0.0.1", "localhost", "[::1]", "LOCALHOST"])("answers %s, with the port", async (name) => {
    const before = calls;

    const response = await getWithHost(`${name}:${gateway.port}`);

    expect(response).toEqual({ status: 200, body: "ok" });
    expect(calls).toBe(before + 1);
  });

  it.each(["attacker.example", "127.0.0.1.attacker.example", "localhost.attacker.example", "0.0.0.0", "[::2]"])(
    "refuses %s with 403 before the handler runs",
    async (name) => {
      const before = calls;

      const response = await getWithHost(`${name}:${gateway.port}`);

      expect(response.status).toBe(403);
      expect(response.body).toContain("answers only to 127.0.0.1, localhost or [::1]");
      expect(calls).toBe(before);
    },
  );

  it("refuses a missing or malformed Host", () => {
    expect(isLoopbackHost(undefined)).toBe(false);
    expect(isLoopbackHost("")).toBe(false);
    expect(isLoopbackHost("localhost:port")).toBe(false);
    expect(isLoopbackHost("localhost:3150")).toBe(true);
  });
});
