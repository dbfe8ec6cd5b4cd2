/**
 * The functions' metrics are visible locally: GET /metrics on the local AWS
 * endpoint (EVENTS_PORT) serves them as Prometheus text while the tracker runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eTracker, eventually, oneJobWorkflow, startE2eTracker } from "../e2e/support.ts";

describe("e2e: local metrics", () => {
  let t: E2eTracker;

  beforeAll(async () => {
    t = await startE2eTracker();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("counts the finished run by workflow and Outcome, its duration, ingested events and Glue calls", async () => {
    // Prepare
    await t.defineWorkflow(oneJobWorkflow("metrics-wf", {}));

    // Act
    const started = await t.api("/workflows/metrics-wf/runs", { method: "POST", body: "{}" });
    const text = await eventually("the finished run in /metrics", async () => {
      const body = await (await fetch(`${t.tracker.urls.events}/metrics`)).text();
      const finished = body.includes(
        'glue_run_tracker_runs_finished_total{outcome="SUCCEEDED",workflow="metrics-wf"} 1',
      );
      // Glue's events reach ingest through the queue's batching window, maybe after the run is recorded.
      return finished && body.includes("glue_run_tracker_events_ingested_total") ? body : undefined;
    });

    // Assess
    expect(started.status).toBe(201);
    expect(text).toMatch(/^# TYPE glue_run_tracker_run_duration_seconds summary$/m);
    expect(text).toMatch(/^glue_run_tracker_run_duration_seconds_count\{workflow="metrics-wf"\} 1$/m);
    expect(text).toMatch(/^glue_run_tracker_events_ingested_total [1-9]\d*$/m);
    expect(text).toMatch(/^glue_run_tracker_ingest_lag_milliseconds_count [1-9]\d*$/m);
    expect(text).toMatch(/^glue_run_tracker_glue_calls_total\{operation="StartWorkflowRun"\} 1$/m);
    expect(text).toMatch(/^glue_run_tracker_glue_calls_total\{operation="GetWorkflowRun"\} [1-9]\d*$/m);
  });

  it("serves Prometheus text with its content type", async () => {
    // Act
    const response = await fetch(`${t.tracker.urls.events}/metrics`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  });
});
