import { Events } from "@glue-run-tracker/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileEventPattern, matchesEventPattern } from "../../src/bus/pattern.ts";
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

describe("operators", () => {
  const event = {
    source: "aws.glue",
    detail: {
      state: "FAILED",
      attempt: 3,
      ratio: 0.5,
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
    ["prefix", { source: [{ prefix: "aws." }] }, true],
    ["prefix, no match", { source: [{ prefix: "glue" }] }, false],
    ["prefix on a number never matches", { detail: { attempt: [{ prefix: "3" }] } }, false],
    ["prefix ignoring case", { source: [{ prefix: { "equals-ignore-case": "AWS." } }] }, true],
    ["suffix", { source: [{ suffix: ".glue" }] }, true],
    ["equals-ignore-case", { detail: { state: [{ "equals-ignore-case": "failed" }] } }, true],
    ["wildcard", { detail: { state: [{ wildcard: "F*D" }] } }, true],
    ["wildcard, no match", { detail: { state: [{ wildcard: "S*" }] } }, false],
    ["anything-but value", { detail: { state: [{ "anything-but": "SUCCEEDED" }] } }, true],
    ["anything-but value, excluded", { detail: { state: [{ "anything-but": "FAILED" }] } }, false],
    ["anything-but list", { detail: { state: [{ "anything-but": ["FAILED", "ERROR"] }] } }, false],
    ["anything-but number", { detail: { attempt: [{ "anything-but": [1, 2] }] } }, true],
    ["anything-but prefix", { source: [{ "anything-but": { prefix: "aws." } }] }, false],
    ["anything-but suffix", { source: [{ "anything-but": { suffix: ".s3" } }] }, true],
    ["anything-but needs the field", { detail: { missing: [{ "anything-but": "x" }] } }, false],
    ["anything-but on an array: any element not excluded", { detail: { tags: [{ "anything-but": "orders" }] } }, true],
    ["numeric range", { detail: { attempt: [{ numeric: [">", 0, "<=", 5] }] } }, true],
    ["numeric range, outside", { detail: { attempt: [{ numeric: [">", 3, "<=", 5] }] } }, false],
    ["numeric equals", { detail: { ratio: [{ numeric: ["=", 0.5] }] } }, true],
    ["numeric on a string never matches", { detail: { state: [{ numeric: [">", 0] }] } }, false],
    ["exists true", { detail: { state: [{ exists: true }] } }, true],
    ["exists true on null (a value)", { detail: { note: [{ exists: true }] } }, true],
    ["exists true, missing", { detail: { missing: [{ exists: true }] } }, false],
    ["exists false, missing", { detail: { missing: [{ exists: false }] } }, true],
    ["exists false, present", { detail: { state: [{ exists: false }] } }, false],
    ["exists looks at leaves, not objects", { detail: { nested: [{ exists: true }] } }, false],
    ["$or", { $or: [{ source: ["my.app"] }, { detail: { state: ["FAILED"] } }] }, true],
    ["$or, no alternative", { $or: [{ source: ["my.app"] }, { detail: { state: ["ERROR"] } }] }, false],
  ])("%s", (_name, pattern, expected) => {
    // Act
    const matched = matchesEventPattern(pattern, event);

    // Assess
    expect(matched).toBe(expected);
  });

  it("accepts the pattern as JSON text, as PutRule does", () => {
    // Act / Assess
    expect(matchesEventPattern('{"source":["aws.glue"]}', event)).toBe(true);
  });
});

describe("operator properties", () => {
  const text = fc.string({ maxLength: 12 });

  it("exact: a string matches itself and nothing else", () => {
    fc.assert(
      fc.property(text, text, (wanted, actual) => {
        expect(matchesEventPattern({ f: [wanted] }, { f: actual })).toBe(wanted === actual);
      }),
    );
  });

  it("array values match when any element does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 9 }),
        (values, wanted) => {
          expect(matchesEventPattern({ f: [wanted] }, { f: values })).toBe(values.includes(wanted));
        },
      ),
    );
  });

  it("prefix: matches exactly the strings that start with it", () => {
    fc.assert(
      fc.property(text, text, (prefix, value) => {
        expect(matchesEventPattern({ f: [{ prefix }] }, { f: value })).toBe(value.startsWith(prefix));
      }),
    );
  });

  it("anything-but: matches a present value not in the list", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1 }),
        fc.constantFrom("a", "b", "c", "d"),
        (excluded, value) => {
          expect(matchesEventPattern({ f: [{ "anything-but": excluded }] }, { f: value })).toBe(
            !excluded.includes(value),
          );
          expect(matchesEventPattern({ f: [{ "anything-but": excluded }] }, { g: value })).toBe(false);
        },
      ),
    );
  });

  it("numeric: a range matches exactly the numbers inside it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: -120, max: 120, noNaN: true }),
        (low, width, value) => {
          const pattern = { f: [{ numeric: [">", low, "<=", low + width] }] };
          expect(matchesEventPattern(pattern, { f: value })).toBe(value > low && value <= low + width);
        },
      ),
    );
  });

  it("exists: true and false split events in two", () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(text, fc.integer(), fc.boolean()), { nil: undefined }), (value) => {
        const event = value === undefined ? {} : { f: value };
        const present = matchesEventPattern({ f: [{ exists: true }] }, event);
        const absent = matchesEventPattern({ f: [{ exists: false }] }, event);
        expect([present, absent]).toEqual(value === undefined ? [false, true] : [true, false]);
      }),
    );
  });
});

describe("invalid patterns are refused as PutRule would", () => {
  it.each([
    ["a bare value", { source: "aws.glue" }],
    ["an empty array", { source: [] }],
    ["an empty pattern", {}],
    ["an unknown filter", { source: [{ startsWith: "aws" }] }],
    ["a filter with two keys", { source: [{ prefix: "a", suffix: "b" }] }],
    ["cidr (unsupported locally)", { ip: [{ cidr: "10.0.0.0/24" }] }],
    ["numeric with a bad operator", { n: [{ numeric: ["!=", 1] }] }],
    ["numeric with two lower bounds", { n: [{ numeric: [">", 1, ">=", 2] }] }],
    ["an empty numeric range", { n: [{ numeric: [">", 5, "<", 1] }] }],
    ["exists with a string", { n: [{ exists: "yes" }] }],
    ["anything-but with a boolean", { n: [{ "anything-but": true }] }],
    ["$or with one alternative", { $or: [{ source: ["a"] }] }],
    ["JSON that does not parse", "{source:"],
  ])("%s", (_name, pattern) => {
    // Act / Assess
    expect(() => compileEventPattern(pattern as never)).toThrow(InvalidEventPatternError);
  });
});
