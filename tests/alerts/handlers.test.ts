/**
 * The resume functions' handlers on bad input: an unreadable message is reported
 * as a batch-item failure (retried, then dead-lettered), never a crash or a silent drop.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Ingest, Resume } from "@glue-run-tracker/core";
import { describe, expect, it } from "vitest";
import { createResumeStore, failedDetail, trackedRun } from "../../packages/core/test/resume/fixtures.ts";
import { createResumeHandler } from "../../packages/functions/src/resume/handler.ts";
import { createResumeWorkerHandler } from "../../packages/functions/src/resume/worker.ts";
import { lambdaContext, sqsEvent, sqsRecord, trackerEvent } from "./events.ts";

const quiet = new Logger({ serviceName: "resume", logLevel: "SILENT" });
const unusedQueue: Resume.ResumeQueue = { send: async () => undefined };

describe("resume handler", () => {
  it("decides for good records and reports only the unreadable one", async () => {
    // Prepare
    const detail = failedDetail();
    const store = createResumeStore([trackedRun(detail)]);
    const sent: Resume.ResumeRequest[] = [];
    const handler = createResumeHandler(
      {
        store,
        policy: Resume.resumePolicyFromEnv({}),
        queue: { send: async (request) => void sent.push(request) },
      },
      quiet,
    );

    // Act
    const response = await handler(
      sqsEvent(
        sqsRecord(trackerEvent(detail), "good"),
        sqsRecord("{not json", "bad-json"),
        sqsRecord({ source: "x" }, "bad-shape"),
      ),
      lambdaContext,
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "bad-json" }, { itemIdentifier: "bad-shape" }] });
    expect(sent).toHaveLength(1);
  });

  it("reports every record when its configuration is invalid, and builds again on the next event", async () => {
    // Prepare
    let builds = 0;
    const handler = createResumeHandler(() => {
      builds += 1;
      return {
        store: createResumeStore(),
        policy: Resume.resumePolicyFromEnv({ AUTO_RESUME_MAX_ATTEMPTS: "x" }),
        queue: unusedQueue,
      };
    }, quiet);

    // Act
    const first = await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail()), "m-1")), lambdaContext);
    const second = await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail()), "m-2")), lambdaContext);

    // Assess
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: "m-1" }] });
    expect(second).toEqual({ batchItemFailures: [{ itemIdentifier: "m-2" }] });
    expect(builds).toBe(2);
  });
});

describe("resume worker handler", () => {
  it("reports a message that is not a resume request", async () => {
    // Prepare
    const handler = createResumeWorkerHandler(
      {
        store: createResumeStore(),
        glue: {
          resumeWorkflowRun: async () => {
            throw new Error("not called");
          },
          getWorkflowRun: async () => {
            throw new Error("not called");
          },
        },
        publisher: Ingest.createMemoryPublisher(),
        recordRun: async () => undefined,
        queue: unusedQueue,
      },
      quiet,
    );

    // Act
    const response = await handler(sqsEvent(sqsRecord({ kind: "resume", workflowName: "w" }, "m-1")), lambdaContext);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m-1" }] });
  });
});
