/** The ingest queue's record bodies → ingest messages (the one parser, in core; cases moved from functions). */
import { describe, expect, it } from "vitest";
import { UnrecognizedMessageError } from "../../src/ingest/errors.ts";
import { parseIngestMessage } from "../../src/ingest/messages.ts";

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
      accountId: "123456789012",
      region: "us-east-1",
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

  it("reads a re-check's account and region (docs/decisions/accounts-flows.md)", () => {
    const body =
      '{"kind":"recheck","workflowName":"w","runId":"wr_1","attempt":1,"accountId":"222222222222","region":"eu-west-1"}';
    expect(parseIngestMessage(body)).toMatchObject({ accountId: "222222222222", region: "eu-west-1" });
  });

  it.each([
    ["not JSON", "{", "Neither a Glue event nor a re-check"],
    [
      "another source",
      envelope("Glue Job State Change", {}).replace("aws.glue", "aws.s3"),
      'source: Invalid input: expected "aws.glue"',
    ],
    ["an unknown detail-type", envelope("Glue Data Catalog Table State Change", {}), 'detail-type "Glue Data'],
    ["a job event without jobRunId", envelope("Glue Job State Change", { jobName: "j", state: "FAILED" }), "jobRunId"],
    ["a re-check without attempt", '{"kind":"recheck","workflowName":"w","runId":"r"}', "Neither a Glue event"],
  ])("refuses %s with a clear error", (_what, body, fragment) => {
    // Act
    const attempt = () => parseIngestMessage(body);

    // Assess
    expect(attempt).toThrow(UnrecognizedMessageError);
    expect(attempt).toThrow(fragment);
  });
});
