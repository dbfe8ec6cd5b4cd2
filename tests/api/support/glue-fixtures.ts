/** Glue workflows for the API tests, created in glue-local through the real SDK. */
import {
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetWorkflowCommand,
  type GlueClient,
} from "@aws-sdk/client-glue";
import { type RunStore, Runs } from "@glue-run-tracker/core";
import type { Workflow } from "@glue-run-tracker/glue-model";

export interface EtlOptions {
  /** How the "load" job ends (default SUCCEEDED). */
  loadOutcome?: "SUCCEEDED" | "FAILED" | "TIMEOUT";
  /** Virtual duration of each job (default 1 s). */
  durationMs?: number;
  maxConcurrentRuns?: number;
  defaultRunProperties?: Record<string, string>;
}

/**
 * `name`: an ON_DEMAND trigger starting two jobs, `<name>-extract` and `<name>-load`.
 *
 * @example
 * await createEtlWorkflow(glue, "etl", { loadOutcome: "FAILED" });
 */
export async function createEtlWorkflow(glue: GlueClient, name: string, options: EtlOptions = {}): Promise<void> {
  await glue.send(
    new CreateWorkflowCommand({
      Name: name,
      MaxConcurrentRuns: options.maxConcurrentRuns,
      DefaultRunProperties: options.defaultRunProperties,
    }),
  );
  const duration = String(options.durationMs ?? 1_000);
  for (const [job, outcome] of [
    ["extract", "SUCCEEDED"],
    ["load", options.loadOutcome ?? "SUCCEEDED"],
  ] as const) {
    await glue.send(
      new CreateJobCommand({
        Name: `${name}-${job}`,
        Role: "arn:aws:iam::123456789012:role/glue",
        Command: { Name: "glueetl", ScriptLocation: `s3://scripts/${job}.py` },
        DefaultArguments: {
          "--sim-duration-ms": duration,
          "--sim-outcome": outcome,
          ...(outcome === "SUCCEEDED" ? {} : { "--sim-error-message": `${job} failed: disk full` }),
        },
      }),
    );
  }
  await glue.send(
    new CreateTriggerCommand({
      Name: `${name}-start`,
      WorkflowName: name,
      Type: "ON_DEMAND",
      Actions: [{ JobName: `${name}-extract` }, { JobName: `${name}-load` }],
    }),
  );
}

/** What the reconciler does for a workflow: copy Glue's Workflow (with graph) into the catalog. */
export async function catalogWorkflow(glue: GlueClient, store: RunStore, name: string): Promise<void> {
  const { Workflow: workflow } = await glue.send(new GetWorkflowCommand({ Name: name, IncludeGraph: true }));
  const json = Runs.jsonify(workflow as Workflow);
  await store.putWorkflow({ ...json, Name: name }, new Date().toISOString());
}
