/**
 * What the functions report through core's metrics port, and how Powertools
 * writes it for CloudWatch (EMF).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { GetWorkflowRunsCommand } from "@aws-sdk/client-glue";
import {
  Alerts,
  createGlueClient,
  Metric,
  type MetricDimensions,
  type MetricsPort,
  Resume,
  reportMetricsTo,
} from "@glue-run-tracker/core";
import { startGlueLocal } from "glue-local";
import { afterEach, describe, expect, it, vi } from "vitest";
import { settings } from "../../packages/core/test/alerts/fixtures.ts";
import { createResumeStore, failedDetail, trackedRun } from "../../packages/core/test/resume/fixtures.ts";
import { createAlertsHandler } from "../../packages/functions/src/alerts/handler.ts";
import { powertoolsMetrics } from "../../packages/functions/src/shared/observability.ts";
import { lambdaContext, sqsEvent, sqsRecord, trackerEvent } from "../alerts/events.ts";

type Recorded = { name: string; value: number; dimensions?: MetricDimensions };

function recordingPort(): MetricsPort & { values: Recorded[] } {
  const values: Recorded[] = [];
  return { values, record: (metric, value, dimensions) => void values.push({ name: metric.name, value, dimensions }) };
}

afterEach(() => {
  reportMetricsTo(undefined);
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const quiet = new Logger({ serviceName: "alerts", logLevel: "SILENT" });

describe("metrics through the port", () => {
  it("alerts: one AlertsSent per channel that took the alert, AlertsFailed per channel that did not", async () => {
    // Prepare
    const port = recordingPort();
    reportMetricsTo(port);
    const publisher = (channel: string, fail: boolean): Alerts.AlertPublisher => ({
      channel,
      publish: async () => {
        if (fail) throw new Error(`${channel} is down`);
      },
    });
    const handler = createAlertsHandler(
      {
        // Alerts are built from the stored run, so the run is in the store.
        store: createResumeStore([trackedRun(failedDetail())]),
        policy: Resume.resumePolicyFromEnv({}),
        publishers: [publisher("sns", false), publisher("slack", true)],
        settings,
        ledger: Alerts.createDeliveryLedger(),
      },
      quiet,
    );

    // Act
    await handler(sqsEvent(sqsRecord(trackerEvent(failedDetail()))), lambdaContext);

    // Assess
    expect(port.values).toEqual([
      { name: "AlertsSent", value: 1, dimensions: { Channel: "sns" } },
      { name: "AlertsFailed", value: 1, dimensions: { Channel: "slack" } },
    ]);
  });

  it("Glue: every call and every throttle, per operation (glue-local throttling every call)", async () => {
    // Prepare
    const glue = await startGlueLocal({ throttleRate: 1 });
    const port = recordingPort();
    reportMetricsTo(port);
    const client = createGlueClient({ GLUE_ENDPOINT: glue.endpoint });

    // Act
    const failure = await client.send(new GetWorkflowRunsCommand({ Name: "nightly" })).catch((e: unknown) => e);
    client.destroy();
    await glue.stop();

    // Assess
    expect((failure as Error).name).toBe("ThrottlingException");
    expect(port.values).toEqual([
      { name: "GlueCalls", value: 1, dimensions: { Operation: "GetWorkflowRuns" } },
      { name: "GlueThrottles", value: 1, dimensions: { Operation: "GetWorkflowRuns" } },
    ]);
  });

  it("Powertools writes one EMF record per value, in the tracker's namespace, with only its own dimensions", () => {
    // Prepare: dev mode writes through the global console; metrics explicitly enabled
    vi.stubEnv("POWERTOOLS_DEV", "true");
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    const port = powertoolsMetrics("ingest");

    // Act
    port.record(Metric.RunsFinished, 1, { Workflow: "nightly", Outcome: "FAILED" });

    // Assess
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0] as string);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: "GlueRunTracker",
        Dimensions: [["Workflow", "Outcome"]],
        Metrics: [{ Name: "RunsFinished", Unit: "Count" }],
      },
    ]);
    expect(emf).toMatchObject({ Workflow: "nightly", Outcome: "FAILED", RunsFinished: 1 });
    expect(emf).not.toHaveProperty("service");
  });
});
