/**
 * Test harness: glue-local in-process on 127.0.0.1 and a free port, driven only through
 * @aws-sdk/client-glue over HTTP, plus builders for the jobs, crawlers and triggers a
 * workflow is made of.
 */
import {
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateTriggerCommand,
  type CreateTriggerCommandInput,
  CreateWorkflowCommand,
  type CreateWorkflowCommandInput,
  GetWorkflowRunCommand,
  GlueClient,
  type WorkflowRun,
} from "@aws-sdk/client-glue";
import { type GlueEvent, type GlueLocal, type GlueLocalOptions, startGlueLocal } from "../../src/index.ts";

export interface TestGlue {
  glue: GlueLocal;
  client: GlueClient;
  /** Events delivered to the onEvent callback, in order. */
  delivered: GlueEvent[];
  stop(): Promise<void>;
}

/** Fast by default: one virtual minute takes 60 ms. No retries, so every error is seen. */
export async function startTestGlue(options: GlueLocalOptions = {}): Promise<TestGlue> {
  const delivered: GlueEvent[] = [];
  const glue = await startGlueLocal({ timeScale: 1000, env: {}, onEvent: (e) => delivered.push(e), ...options });
  const client = glueClient(glue.endpoint);
  return {
    glue,
    client,
    delivered,
    async stop() {
      client.destroy();
      await glue.stop();
    },
  };
}

export function glueClient(endpoint: string): GlueClient {
  return new GlueClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

const ROLE = "arn:aws:iam::123456789012:role/glue";

export async function createJob(client: GlueClient, name: string, args: Record<string, string> = {}, extra = {}) {
  await client.send(
    new CreateJobCommand({
      Name: name,
      Role: ROLE,
      Command: { Name: "glueetl", ScriptLocation: `s3://scripts/${name}.py` },
      DefaultArguments: args,
      ...extra,
    }),
  );
}

export async function createCrawler(client: GlueClient, name: string, tags: Record<string, string> = {}) {
  await client.send(
    new CreateCrawlerCommand({
      Name: name,
      Role: ROLE,
      DatabaseName: "lake",
      Targets: { S3Targets: [{ Path: `s3://raw/${name}/` }] },
      Tags: tags,
    }),
  );
}

type Node = { job: string } | { crawler: string };
const action = (n: Node) => ("job" in n ? { JobName: n.job } : { CrawlerName: n.crawler });

export async function createStartTrigger(client: GlueClient, workflow: string, name: string, starts: Node[]) {
  await client.send(
    new CreateTriggerCommand({ Name: name, WorkflowName: workflow, Type: "ON_DEMAND", Actions: starts.map(action) }),
  );
}

/** An ACTIVATED conditional trigger: `after` nodes reach `state` (SUCCEEDED by default). */
export async function createConditionalTrigger(
  client: GlueClient,
  workflow: string,
  name: string,
  after: Array<Node & { state?: string }>,
  starts: Node[],
  logical: "AND" | "ANY" = "AND",
  extra: Partial<CreateTriggerCommandInput> = {},
) {
  await client.send(
    new CreateTriggerCommand({
      Name: name,
      WorkflowName: workflow,
      Type: "CONDITIONAL",
      StartOnCreation: true,
      Predicate: {
        Logical: logical,
        Conditions: after.map((n) =>
          "job" in n
            ? { LogicalOperator: "EQUALS", JobName: n.job, State: (n.state ?? "SUCCEEDED") as never }
            : { LogicalOperator: "EQUALS", CrawlerName: n.crawler, CrawlState: (n.state ?? "SUCCEEDED") as never },
        ),
      },
      Actions: starts.map(action),
      ...extra,
    }),
  );
}

export async function createWorkflow(client: GlueClient, input: CreateWorkflowCommandInput) {
  await client.send(new CreateWorkflowCommand(input));
}

/** A workflow with one ON_DEMAND trigger starting one job (the smallest runnable workflow). */
export async function createOneJobWorkflow(
  client: GlueClient,
  workflow: string,
  args: Record<string, string> = {},
  wf = {},
) {
  await createWorkflow(client, { Name: workflow, ...wf });
  await createJob(client, `${workflow}-job`, args);
  await createStartTrigger(client, workflow, `${workflow}-start`, [{ job: `${workflow}-job` }]);
}

export async function getRun(
  client: GlueClient,
  name: string,
  runId: string,
  includeGraph = true,
): Promise<WorkflowRun> {
  const { Run } = await client.send(
    new GetWorkflowRunCommand({ Name: name, RunId: runId, IncludeGraph: includeGraph }),
  );
  if (!Run) throw new Error("GetWorkflowRun returned no Run");
  return Run;
}

/** The job runs of a run's graph, by job name. */
export function jobRunsByJob(
  run: WorkflowRun,
): Record<string, NonNullable<NonNullable<WorkflowRun["Graph"]>["Nodes"]>[number]["JobDetails"]> {
  const out: Record<string, never> = {};
  for (const node of run.Graph?.Nodes ?? [])
    if (node.Type === "JOB" && node.Name) (out as Record<string, unknown>)[node.Name] = node.JobDetails;
  return out;
}

/** Expects `promise` to reject with the Glue error `name`; returns the error. */
export async function glueError(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error("expected the call to fail");
}

export const LONG = { "--sim-duration-ms": String(3_600_000) };
