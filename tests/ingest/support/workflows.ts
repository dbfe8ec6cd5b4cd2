/**
 * Glue workflows for ingest tests, created in glue-local through the real SDK: a
 * linear chain (an ON_DEMAND start trigger, then one CONDITIONAL trigger per step
 * on the previous step's success).
 */
import {
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  type GlueClient,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";

const ROLE = "arn:aws:iam::123456789012:role/glue";

export type Step =
  | { crawler: string; durationMs: number; outcome?: "SUCCEEDED" | "FAILED"; errorMessage?: string }
  | { job: string; durationMs: number; outcome?: "SUCCEEDED" | "FAILED"; errorMessage?: string };

/**
 * @example
 * await createChainWorkflow(client, "etl", [{ crawler: "raw", durationMs: 10_000 }, { job: "load", durationMs: 20_000 }]);
 */
export async function createChainWorkflow(client: GlueClient, name: string, steps: Step[]): Promise<void> {
  await client.send(new CreateWorkflowCommand({ Name: name, MaxConcurrentRuns: 10 }));
  for (const step of steps) {
    if ("crawler" in step) {
      const tags: Record<string, string> = { "sim:duration-ms": String(step.durationMs) };
      if (step.outcome) tags["sim:outcome"] = step.outcome;
      if (step.errorMessage) tags["sim:error-message"] = step.errorMessage;
      await client.send(
        new CreateCrawlerCommand({
          Name: step.crawler,
          Role: ROLE,
          DatabaseName: "raw",
          Targets: { S3Targets: [{ Path: `s3://raw/${step.crawler}/` }] },
          Tags: tags,
        }),
      );
    } else {
      const args: Record<string, string> = { "--sim-duration-ms": String(step.durationMs) };
      if (step.outcome) args["--sim-outcome"] = step.outcome;
      if (step.errorMessage) args["--sim-error-message"] = step.errorMessage;
      await client.send(
        new CreateJobCommand({
          Name: step.job,
          Role: ROLE,
          Command: { Name: "glueetl", ScriptLocation: `s3://scripts/${step.job}.py` },
          DefaultArguments: args,
          GlueVersion: "4.0",
        }),
      );
    }
  }
  const action = (step: Step) => ("crawler" in step ? { CrawlerName: step.crawler } : { JobName: step.job });
  const [first, ...rest] = steps;
  if (!first) return;
  await client.send(
    new CreateTriggerCommand({
      Name: `${name}-start`,
      WorkflowName: name,
      Type: "ON_DEMAND",
      Actions: [action(first)],
    }),
  );
  let previous = first;
  for (const [index, step] of rest.entries()) {
    const condition =
      "crawler" in previous
        ? { LogicalOperator: "EQUALS" as const, CrawlerName: previous.crawler, CrawlState: "SUCCEEDED" as const }
        : { LogicalOperator: "EQUALS" as const, JobName: previous.job, State: "SUCCEEDED" as const };
    await client.send(
      new CreateTriggerCommand({
        Name: `${name}-step-${index + 1}`,
        WorkflowName: name,
        Type: "CONDITIONAL",
        StartOnCreation: true,
        Predicate: { Logical: "AND", Conditions: [condition] },
        Actions: [action(step)],
      }),
    );
    previous = step;
  }
}

export async function startRun(client: GlueClient, name: string): Promise<string> {
  const { RunId } = await client.send(new StartWorkflowRunCommand({ Name: name }));
  if (!RunId) throw new Error(`StartWorkflowRun(${name}) returned no RunId`);
  return RunId;
}
