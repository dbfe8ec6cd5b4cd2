import { Events, Topology } from "@glue-run-tracker/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileEventPattern, type EventPattern, SUPPORTED_OPERATORS } from "../../src/bus/pattern.ts";
import { InvalidEventPatternError } from "../../src/errors.ts";

function envelope(source: string, detailType: string, detail: Record<string, unknown>) {
  return {
    version: "0",
    id: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "detail-type": detailType,
    source,
    account: "123456789012",
    time: "2026-03-01T12:00:00Z",
    region: "eu-west-1",
    resources: [],
    detail,
  };
}

const jobStateChange = envelope("aws.glue", "Glue Job State Change", {
  jobName: "transform-orders",
  severity: "ERROR",
  state: "FAILED",
  jobRunId: "jr_4c1f0e6d",
  message: "ThrottlingException: Rate exceeded",
});
const crawlerStateChange = envelope("aws.glue", "Glue Crawler State Change", {
  crawlerName: "raw-orders",
  state: "Succeeded",
  tablesCreated: "0",
});
const jobRunStatus = envelope("aws.glue", "Glue Job Run Status", {
  jobName: "publish",
  severity: "INFO",
  notificationCondition: { NotifyDelayAfter: 5 },
  state: "RUNNING",
  jobRunId: "jr_99",
});

function runStateChange(detail: Partial<Events.RunStateChangeDetail>) {
  const base: Events.RunStateChangeDetail = {
    workflowName: "orders-daily",
    runId: "wr_2",
    status: "COMPLETED",
    outcome: "FAILED",
    failedNodes: [],
  };
  // JSON round trip: the bus sees exactly what PutEvents carried (undefined fields vanish).
  const entry = Events.runStateChangeEntry({ ...base, ...detail });
  return envelope(entry.Source, entry.DetailType, JSON.parse(entry.Detail));
}

/** Every pattern the tracker deploys, whatever the settings (core's Topology is the one list). */
const topologyPatterns = [true, false].flatMap((alertOnStopped) =>
  Topology.ruleRoutes({ alertOnStopped }).map(
    (route) => [`${route.name} (alertOnStopped ${alertOnStopped})`, route.pattern] as const,
  ),
);

/** The filter operators a pattern uses: the key of each object in a field's value list, and `$or` (with its branches). */
function operatorsIn(pattern: Record<string, unknown>): string[] {
  return Object.entries(pattern).flatMap(([key, value]) => {
    if (key.startsWith("$")) return [key, ...(Array.isArray(value) ? value.flatMap(operatorsIn) : [])];
    if (Array.isArray(value))
      return value.flatMap((item) => (typeof item === "object" && item !== null ? Object.keys(item) : []));
    return typeof value === "object" && value !== null ? operatorsIn(value as Record<string, unknown>) : [];
  });
}

describe("the topology uses only what the local bus implements", () => {
  it.each(topologyPatterns)("%s", (_name, pattern) => {
    // Act
    const unsupported = operatorsIn(pattern).filter((operator) => !SUPPORTED_OPERATORS.includes(operator));

    // Assess: a new operator needs the matcher extended first (packages/local/README.md)
    expect(unsupported).toEqual([]);
    expect(() => compileEventPattern(pattern)).not.toThrow();
  });

  it("the walk finds operators wherever they sit", () => {
    // Act / Assess
    expect(
      operatorsIn({ a: [{ exists: true }], b: { c: ["x", { prefix: "y" }] }, $or: [{ d: [{ numeric: [">", 1] }] }] }),
    ).toEqual(["exists", "prefix", "$or", "numeric"]);
  });
});

describe("the tracker's own patterns (imported from core)", () => {
  it("glueStateChangePattern takes Glue's job and crawler events and nothing else", () => {
    // Prepare
    const rule = compileEventPattern(Events.glueStateChangePattern);
    const catalogChange = envelope("aws.glue", "Glue Data Catalog Database State Change", {});
    const foreign = envelope("my.app", "Glue Job State Change", {});

    // Act / Assess
    expect([jobStateChange, crawlerStateChange, jobRunStatus].map(rule.matches)).toEqual([true, true, true]);
    expect(rule.matches(catalogChange)).toBe(false);
    expect(rule.matches(foreign)).toBe(false);
  });

  it("failedRunPattern alerts on FAILED and ERROR, and on STOPPED only when configured", () => {
    // Prepare
    const strict = compileEventPattern(Events.failedRunPattern({ includeStopped: false }));
    const withStopped = compileEventPattern(Events.failedRunPattern({ includeStopped: true }));
    const outcomes = ["FAILED", "ERROR", "STOPPED", "SUCCEEDED", "RUNNING"] as const;

    // Act
    const strictHits = outcomes.filter((outcome) => strict.matches(runStateChange({ outcome })));
    const stoppedHits = outcomes.filter((outcome) => withStopped.matches(runStateChange({ outcome })));

    // Assess
    expect(strictHits).toEqual(["FAILED", "ERROR"]);
    expect(stoppedHits).toEqual(["FAILED", "ERROR", "STOPPED"]);
  });

  it("recoveredRunPattern needs a SUCCEEDED outcome and a previousRunId", () => {
    // Prepare
    const rule = compileEventPattern(Events.recoveredRunPattern);

    // Act / Assess
    expect(rule.matches(runStateChange({ outcome: "SUCCEEDED", previousRunId: "wr_1" }))).toBe(true);
    expect(rule.matches(runStateChange({ outcome: "SUCCEEDED" }))).toBe(false);
    expect(rule.matches(runStateChange({ outcome: "FAILED", previousRunId: "wr_1" }))).toBe(false);
  });

  it("resumeCandidatePattern needs a COMPLETED run with a FAILED outcome", () => {
    // Prepare
    const rule = compileEventPattern(Events.resumeCandidatePattern);

    // Act / Assess
    expect(rule.matches(runStateChange({ status: "COMPLETED", outcome: "FAILED" }))).toBe(true);
    expect(rule.matches(runStateChange({ status: "ERROR", outcome: "ERROR" }))).toBe(false);
    expect(rule.matches(runStateChange({ status: "COMPLETED", outcome: "SUCCEEDED" }))).toBe(false);
    expect(
      rule.matches(
        envelope("my.app", Events.TrackerDetailType.RunStateChange, { status: "COMPLETED", outcome: "FAILED" }),
      ),
    ).toBe(false);
  });
});

describe("exact values and exists", () => {
  const event = {
    source: "aws.glue",
    detail: {
      state: "FAILED",
      attempt: 3,
      retried: false,
      note: null,
      tags: ["nightly", "orders"],
      nodes: [
        { type: "JOB", name: "extract" },
        { type: "CRAWLER", name: "raw" },
      ],
      nested: { deeper: { value: "x" } },
    },
  };

  it.each([
    ["exact string", { detail: { state: ["FAILED"] } }, true],
    ["exact string, other value", { detail: { state: ["SUCCEEDED"] } }, false],
    ["exact number", { detail: { attempt: [3] } }, true],
    ["exact number is not its string", { detail: { attempt: ["3"] } }, false],
    ["exact boolean", { detail: { retried: [false] } }, true],
    ["exact null", { detail: { note: [null] } }, true],
    ["null does not match a missing field", { detail: { missing: [null] } }, false],
    ["alternatives are OR", { detail: { state: ["SUCCEEDED", "FAILED"] } }, true],
    ["fields are AND", { source: ["aws.glue"], detail: { state: ["SUCCEEDED"] } }, false],
    ["array value: any element", { detail: { tags: ["orders"] } }, true],
    ["array value: no element", { detail: { tags: ["weekly"] } }, false],
    ["array of objects is flattened", { detail: { nodes: { type: ["CRAWLER"] } } }, true],
    ["nested objects", { detail: { nested: { deeper: { value: ["x"] } } } }, true],
    ["exists true", { detail: { state: [{ exists: true }] } }, true],
    ["exists true on null (a value)", { detail: { note: [{ exists: true }] } }, true],
    ["exists true, missing", { detail: { missing: [{ exists: true }] } }, false],
    ["exists false, missing", { detail: { missing: [{ exists: false }] } }, true],
    ["exists false, present", { detail: { state: [{ exists: false }] } }, false],
    ["exists looks at leaves, not objects", { detail: { nested: [{ exists: true }] } }, false],
    ["a value or exists false", { detail: { missing: ["x", { exists: false }] } }, true],
  ])("%s", (_name, pattern, expected) => {
    // Act
    const matched = compileEventPattern(pattern).matches(event);

    // Assess
    expect(matched).toBe(expected);
  });
});

describe("properties", () => {
  const text = fc.string({ maxLength: 12 });

  it("exact: a string matches itself and nothing else", () => {
    fc.assert(
      fc.property(text, text, (wanted, actual) => {
        expect(compileEventPattern({ f: [wanted] }).matches({ f: actual })).toBe(wanted === actual);
      }),
    );
  });

  it("array values match when any element does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 9 }),
        (values, wanted) => {
          expect(compileEventPattern({ f: [wanted] }).matches({ f: values })).toBe(values.includes(wanted));
        },
      ),
    );
  });

  it("exists: true and false split events in two", () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(text, fc.integer(), fc.boolean()), { nil: undefined }), (value) => {
        const event = value === undefined ? {} : { f: value };
        const present = compileEventPattern({ f: [{ exists: true }] }).matches(event);
        const absent = compileEventPattern({ f: [{ exists: false }] }).matches(event);
        expect([present, absent]).toEqual(value === undefined ? [false, true] : [true, false]);
      }),
    );
  });
});

describe("refused patterns", () => {
  it.each([
    ["a bare value", { source: "aws.glue" }],
    ["an empty array", { source: [] }],
    ["an empty pattern", {}],
    ["an empty object", { detail: {} }],
    ["exists with a string", { n: [{ exists: "yes" }] }],
    ["a filter with two keys", { n: [{ exists: true, prefix: "a" }] }],
  ])("%s, as PutRule would", (_name, pattern) => {
    // Act / Assess
    expect(() => compileEventPattern(pattern as EventPattern)).toThrow(InvalidEventPatternError);
  });

  it.each([
    ["prefix", { source: [{ prefix: "aws." }] }],
    ["anything-but", { detail: { state: [{ "anything-but": "RUNNING" }] } }],
    ["numeric", { detail: { attempt: [{ numeric: [">", 0] }] } }],
    ["wildcard", { source: [{ wildcard: "aws.*" }] }],
    ["$or", { $or: [{ source: ["a"] }, { source: ["b"] }] }],
  ])("%s: not implemented locally, and the error says so", (operator, pattern) => {
    // Act / Assess
    expect(() => compileEventPattern(pattern as EventPattern)).toThrow(
      `the "${operator}" operator is not implemented by the local bus`,
    );
  });
});
