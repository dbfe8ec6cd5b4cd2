/**
 * Fuzz: 10,000 random requests (methods, paths, query strings, bodies, headers)
 * through API Gateway HTTP API events into the two functions, against dynalite
 * and glue-local. No request may cause a 5xx — except 502/504 from the client
 * whose Glue is unreachable — nor an unhandled rejection; every answer is JSON in
 * the documented shape.
 */
import { createServer } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { routeList } from "../../packages/functions/src/api/routes.ts";
import type { HttpRequest } from "../../packages/functions/test/api/support/http-event.ts";
import { createEtlWorkflow } from "./support/glue-fixtures.ts";
import { type ApiClient, type ApiHarness, startApiHarness } from "./support/harness.ts";
import { responseProblems } from "./support/openapi-check.ts";
import { seedRuns } from "./support/snapshots.ts";

const RUNS = 10_000;
let h: ApiHarness;
let unreachable: ApiClient;
let document: unknown;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  h = await startApiHarness();
  await createEtlWorkflow(h.glueAdmin, "etl", { durationMs: 3_600_000 });
  await seedRuns(h.store, [
    { name: "etl", runId: "wr_1", startedOn: "2024-05-01T00:00:00.000Z", failed: 1 },
    { name: "etl", runId: "wr_2", startedOn: "2024-05-02T00:00:00.000Z", status: "RUNNING" },
  ]);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  unreachable = h.client({ glueEndpoint: `http://127.0.0.1:${port}` });
  document = (await h.api.request({ method: "GET", url: "/openapi.json" })).body;
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await h?.stop();
});

const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("etl", "wr_1", "wr_2", "orders", "batch-get") },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.nat({ max: 300 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom("", "a\nb", "a/b", "%", "%E0%A4%A", "..", "a?b", "a#b", "\u0000", "🚀") },
);

const segment = name.map((value) => (value.includes("%") ? value : encodeURIComponent(value)));

const method = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom("GET", "POST", "PUT") },
  { weight: 1, arbitrary: fc.constantFrom("DELETE", "PATCH", "HEAD", "OPTIONS") },
);

/** Mostly a real route (its method, sometimes another) with fuzzed names; else any path. */
const target = fc.oneof(
  {
    weight: 7,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...routeList),
        segment,
        segment,
        fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: method }),
      )
      .map(([route, a, b, other]) => ({
        method: other ?? route.method,
        path: route.path.replace("{name}", a).replace("{runId}", b),
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(method, fc.array(segment, { maxLength: 6 }))
      .map(([m, parts]) => ({ method: m, path: `/${parts.join("/")}` })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(method, fc.string({ maxLength: 30 }))
      .map(([m, raw]) => ({ method: m, path: `/${raw.replace(/[?]/g, "")}` })),
  },
);

const queryKey = fc.oneof(
  fc.constantFrom("maxResults", "nextToken", "status", "outcome", "startedAfter", "startedBefore"),
  fc.constantFrom("since", "until", "includeGraph", "MaxResults", "format"),
  fc.string({ maxLength: 8 }),
);
const queryValue = fc.oneof(
  fc.constantFrom("1", "0", "100", "1000", "1001", "-1", "1.5", "", "true", "false", "FAILED", "RUNNING", "COMPLETED"),
  fc.constantFrom("2024-05-01", "2024-05-01T00:00:00Z", "2024-02-30", "tomorrow", "eyJ4IjoxfQ.abc"),
  fc.string({ maxLength: 40 }),
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"));

const plausibleBody = fc.oneof(
  fc.record(
    { Names: fc.array(name, { maxLength: 30 }), IncludeGraph: fc.oneof(fc.boolean(), fc.string()) },
    { requiredKeys: [] },
  ),
  fc.record({ NodeIds: fc.array(name, { maxLength: 5 }) }, { requiredKeys: [] }),
  fc.record({ RunProperties: fc.dictionary(name, fc.oneof(fc.string(), fc.integer())) }, { requiredKeys: [] }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })),
);
const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: plausibleBody.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
);

const headers = fc.dictionary(
  fc.oneof(
    fc.constantFrom("authorization", "content-type", "Content-Type", "accept", "x-forwarded-for"),
    fc.string({ minLength: 1, maxLength: 10 }),
  ),
  fc.string({ maxLength: 40 }),
  { maxKeys: 4 },
);

const request = fc.record({
  target,
  query,
  body,
  headers,
  base64: fc.boolean(),
  glueUnreachable: fc.nat({ max: 9 }).map((n) => n === 0),
});

it(`answers ${RUNS.toLocaleString("en")} random requests without a 5xx or an unhandled rejection`, async () => {
  // Prepare
  const unexpected: string[] = [];
  let served = 0;

  // Act
  await fc.assert(
    fc.asyncProperty(request, async ({ target: to, query: q, glueUnreachable, ...rest }) => {
      const client = glueUnreachable ? unreachable : h.api;
      const url = q ? `${to.path}?${q}` : to.path;
      const response = await client.request({ ...rest, method: to.method, url } as HttpRequest);
      served += 1;
      const allowed5xx = glueUnreachable && (response.status === 502 || response.status === 504);
      if (response.status >= 500 && !allowed5xx) {
        unexpected.push(`${to.method} ${url} → ${response.status} ${JSON.stringify(response.body)}`);
        return false;
      }
      if (response.status >= 400) {
        expect(Object.keys(response.body).sort()).toEqual(["Code", "Message", "RequestId"]);
      }
      return true;
    }),
    { numRuns: RUNS, seed: 20_241_124, endOnFailure: true },
  );

  // Assess
  const statuses = new Map<number, number>();
  for (const r of h.responses) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  expect(unexpected).toEqual([]);
  // The generator reaches past validation too: successes, not-founds and wrong methods, not only 400s.
  for (const status of [200, 400, 404, 405]) expect(statuses.get(status) ?? 0).toBeGreaterThan(50);
  expect(served).toBe(RUNS);
  expect(unhandled).toEqual([]);
  // ~10–20 s on an idle 2-core machine; the margin is for a machine shared with other suites.
}, 300_000);

it("every fuzz response validates against the served OpenAPI document", () => {
  expect(h.responses.length).toBeGreaterThanOrEqual(RUNS);
  expect(responseProblems(document, h.responses)).toEqual([]);
});
