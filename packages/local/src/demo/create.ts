import {
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  type GlueClient,
} from "@aws-sdk/client-glue";
import { DEMO_CAPACITY, type DemoWorkflow } from "./workflows.ts";

const ROLE = "arn:aws:iam::000000000000:role/demo-glue-role";

/** Creates a demo workflow, its jobs, crawlers and triggers in Glue (glue-local). Idempotent. */
export async function createDemoWorkflow(glue: GlueClient, wf: DemoWorkflow): Promise<void> {
  await ignoreExisting(
    glue.send(
      new CreateWorkflowCommand({
        Name: wf.name,
        Description: wf.description,
        DefaultRunProperties: wf.defaultRunProperties,
        MaxConcurrentRuns: 1,
      }),
    ),
  );
  for (const crawler of wf.crawlers) {
    await ignoreExisting(
      glue.send(
        new CreateCrawlerCommand({
          Name: crawler.name,
          Role: ROLE,
          DatabaseName: "demo",
          Targets: { S3Targets: [{ Path: `s3://demo-raw/${crawler.name}/` }] },
          Tags: crawler.tags,
        }),
      ),
    );
  }
  for (const job of wf.jobs) {
    await ignoreExisting(
      glue.send(
        new CreateJobCommand({
          Name: job.name,
          Role: ROLE,
          Command: { Name: "glueetl", ScriptLocation: `s3://demo-scripts/${job.name}.py` },
          DefaultArguments: job.arguments,
          GlueVersion: "4.0",
          ...(job.capacity ?? DEMO_CAPACITY),
        }),
      ),
    );
  }
  for (const trigger of wf.triggers) {
    await ignoreExisting(
      glue.send(
        new CreateTriggerCommand({
          Name: trigger.name,
          WorkflowName: wf.name,
          Type: trigger.type,
          StartOnCreation: trigger.type === "CONDITIONAL" ? true : undefined,
          Actions: trigger.starts.map((s) => (s.job ? { JobName: s.job } : { CrawlerName: s.crawler })),
          Predicate: trigger.after
            ? {
                Logical: trigger.logical ?? "AND",
                Conditions: trigger.after.map((c) =>
                  c.job
                    ? { LogicalOperator: "EQUALS", JobName: c.job, State: c.state }
                    : { LogicalOperator: "EQUALS", CrawlerName: c.crawler, CrawlState: c.state },
                ),
              }
            : undefined,
        }),
      ),
    );
  }
}

async function ignoreExisting(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if ((error as { name?: string }).name !== "AlreadyExistsException") throw error;
  }
}
