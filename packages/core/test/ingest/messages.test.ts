import { describe, expect, it } from "vitest";
import { UnrecognizedMessageError } from "../../src/ingest/errors.ts";
import { parseIngestMessage } from "../../src/ingest/messages.ts";
import { needsRecheck, recheckDelaySeconds } from "../../src/ingest/recheck.ts";

const envelope = (detailType: string, detail: object) =>
  JSON.stringify({
    version: "0",
    id: "7c1c9e1e-2b1a-4b8e-9f6b-000000000001",
    "detail-type": detailType,
    source: "aws.glue",
    account: "123456789012",
    time: "2026-01-01T00:00:00Z",
    region: "us-east-1",
    resources: [],
    detail,
  });

describe("ingest messages", () => {
  it("reads Glue's documented job state change", () => {
    // Prepare
    const body = envelope("Glue Job State Change", {
      jobName: "MyJob",
      severity: "INFO",
      state: "SUCCEEDED",
      jobRunId: "jr_abcdef",
      message: "Job run succeeded",
    });

    // Act
    const message = parseIngestMessage(body);

    // Assess
    expect(message).toEqual({
      kind: "job",
      jobName: "MyJob",
      jobRunId: "jr_abcdef",
      state: "SUCCEEDED",
      terminal: true,
      time: "2026-01-01T00:00:00Z",
    });
  });

  it("treats Job Run Status (still running) as not terminal, and crawler Succeeded as terminal", () => {
    // Act
    const status = parseIngestMessage(
      envelope("Glue Job Run Status", {
        jobName: "MyJob",
        severity: "INFO",
        notificationCondition: { NotifyDelayAfter: 1 },
        state: "RUNNING",
        jobRunId: "jr_1",
        message: "Job is in RUNNING state",
        startedOn: "2026-01-01T00:00:00.000Z",
      }),
    );
    const crawler = parseIngestMessage(
      envelope("Glue Crawler State Change", { crawlerName: "raw", state: "Succeeded", "runningTime (sec)": "15" }),
    );

    // Assess
    expect(status).toMatchObject({ kind: "job", terminal: false });
    expect(crawler).toMatchObject({ kind: "crawler", crawlerName: "raw", terminal: true });
  });

  it("reads a re-check", () => {
    expect(parseIngestMessage('{"kind":"recheck","workflowName":"w","runId":"wr_1","attempt":2}')).toEqual({
      kind: "recheck",
      workflowName: "w",
      runId: "wr_1",
      attempt: 2,
    });
  });

  it.each([
    ["not JSON", "{", "not JSON"],
    ["another source", JSON.stringify({ source: "aws.s3", "detail-type": "x", detail: {} }), "Invalid Glue event"],
    ["an unknown detail-type", envelope("Glue Data Catalog Table State Change", {}), 'detail-type "Glue Data'],
    ["a job event without jobRunId", envelope("Glue Job State Change", { jobName: "j", state: "FAILED" }), "jobRunId"],
    ["a re-check without attempt", '{"kind":"recheck","workflowName":"w","runId":"r"}', "attempt"],
  ])("refuses %s with a clear error", (_what, body, fragment) => {
    // Act
    const attempt = () => parseIngestMessage(body);

    // Assess
    expect(attempt).toThrow(UnrecognizedMessageError);
    expect(attempt).toThrow(fragment);
  });
});

describe("re-checks", () => {
  it("backs off by doubling, capped at SQS's 900 s", () => {
    const policy = { baseDelaySeconds: 10, maxDelaySeconds: 900, maxAttempts: 12 };
    expect([1, 2, 3, 7, 12].map((attempt) => recheckDelaySeconds(attempt, policy))).toEqual([10, 20, 40, 640, 900]);
  });

  it("looks again only at runs Glue has not closed although nothing runs in them", () => {
    expect(needsRecheck({ Status: "RUNNING", Statistics: { TotalActions: 2, RunningActions: 0 } })).toBe(true);
    expect(needsRecheck({ Status: "RUNNING", Statistics: { TotalActions: 2, RunningActions: 1 } })).toBe(false);
    expect(needsRecheck({ Status: "STOPPING", Statistics: { RunningActions: 1 } })).toBe(true);
    expect(needsRecheck({ Status: "COMPLETED", Statistics: { RunningActions: 0 } })).toBe(false);
  });
});
