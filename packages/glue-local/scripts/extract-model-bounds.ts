/**
 * Extracts, from botocore's Glue service model, the bounds (required, min, max, pattern, enum) of
 * every request member glue-local validates, into test/fixtures/glue-model-bounds.json. The
 * fixture is what validation-bounds.test.ts checks glue-local against; tests never read botocore.
 *
 *   npx tsx packages/glue-local/scripts/extract-model-bounds.ts <service-2.json[.gz]> <botocore version>
 *
 * e.g. with Debian's python3-botocore: /usr/lib/python3/dist-packages/botocore/data/glue/2017-03-31/service-2.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/** Member paths: `Op.Member.Sub`, `[]` a list's item, `{key}` / `{value}` a map's. */
const PATHS = [
  "CreateWorkflow.Name",
  "CreateWorkflow.Description",
  "CreateWorkflow.DefaultRunProperties{key}",
  "CreateWorkflow.DefaultRunProperties{value}",
  "CreateWorkflow.Tags",
  "CreateWorkflow.Tags{key}",
  "CreateWorkflow.Tags{value}",
  "CreateWorkflow.MaxConcurrentRuns",
  "UpdateWorkflow.Name",
  "UpdateWorkflow.Description",
  "UpdateWorkflow.MaxConcurrentRuns",
  "DeleteWorkflow.Name",
  "GetWorkflow.Name",
  "ListWorkflows.NextToken",
  "ListWorkflows.MaxResults",
  "BatchGetWorkflows.Names",
  "BatchGetWorkflows.Names[]",
  "GetWorkflowRun.Name",
  "GetWorkflowRun.RunId",
  "GetWorkflowRuns.Name",
  "GetWorkflowRuns.NextToken",
  "GetWorkflowRuns.MaxResults",
  "GetWorkflowRunProperties.Name",
  "GetWorkflowRunProperties.RunId",
  "PutWorkflowRunProperties.Name",
  "PutWorkflowRunProperties.RunId",
  "PutWorkflowRunProperties.RunProperties",
  "PutWorkflowRunProperties.RunProperties{key}",
  "PutWorkflowRunProperties.RunProperties{value}",
  "StartWorkflowRun.Name",
  "StartWorkflowRun.RunProperties{key}",
  "StopWorkflowRun.Name",
  "StopWorkflowRun.RunId",
  "ResumeWorkflowRun.Name",
  "ResumeWorkflowRun.RunId",
  "ResumeWorkflowRun.NodeIds",
  "ResumeWorkflowRun.NodeIds[]",
  "CreateJob.Name",
  "CreateJob.Role",
  "CreateJob.Command",
  "CreateJob.Description",
  "CreateJob.DefaultArguments{key}",
  "CreateJob.DefaultArguments{value}",
  "CreateJob.ExecutionProperty.MaxConcurrentRuns",
  "CreateJob.MaxRetries",
  "CreateJob.Timeout",
  "CreateJob.NotificationProperty.NotifyDelayAfter",
  "CreateJob.NumberOfWorkers",
  "CreateJob.Tags",
  "CreateJob.Tags{key}",
  "CreateJob.Tags{value}",
  "UpdateJob.JobName",
  "UpdateJob.JobUpdate",
  "UpdateJob.JobUpdate.Description",
  "UpdateJob.JobUpdate.MaxRetries",
  "UpdateJob.JobUpdate.Timeout",
  "UpdateJob.JobUpdate.NumberOfWorkers",
  "DeleteJob.JobName",
  "GetJob.JobName",
  "StartJobRun.JobName",
  "StartJobRun.JobRunId",
  "StartJobRun.Arguments{key}",
  "StartJobRun.Timeout",
  "StartJobRun.NotificationProperty.NotifyDelayAfter",
  "StartJobRun.NumberOfWorkers",
  "GetJobRun.JobName",
  "GetJobRun.RunId",
  "GetJobRuns.JobName",
  "GetJobRuns.NextToken",
  "GetJobRuns.MaxResults",
  "BatchStopJobRun.JobName",
  "BatchStopJobRun.JobRunIds",
  "BatchStopJobRun.JobRunIds[]",
  "CreateCrawler.Name",
  "CreateCrawler.Role",
  "CreateCrawler.Targets",
  "CreateCrawler.DatabaseName",
  "CreateCrawler.Description",
  "CreateCrawler.Schedule",
  "CreateCrawler.Tags{key}",
  "CreateCrawler.Tags{value}",
  "GetCrawler.Name",
  "DeleteCrawler.Name",
  "StartCrawler.Name",
  "StopCrawler.Name",
  "CreateTrigger.Name",
  "CreateTrigger.WorkflowName",
  "CreateTrigger.Type",
  "CreateTrigger.Schedule",
  "CreateTrigger.Predicate.Logical",
  "CreateTrigger.Predicate.Conditions",
  "CreateTrigger.Predicate.Conditions[].JobName",
  "CreateTrigger.Predicate.Conditions[].State",
  "CreateTrigger.Predicate.Conditions[].CrawlerName",
  "CreateTrigger.Predicate.Conditions[].CrawlState",
  "CreateTrigger.Predicate.Conditions[].LogicalOperator",
  "CreateTrigger.Actions",
  "CreateTrigger.Actions[].JobName",
  "CreateTrigger.Actions[].CrawlerName",
  "CreateTrigger.Actions[].Arguments{key}",
  "CreateTrigger.Actions[].Timeout",
  "CreateTrigger.Actions[].SecurityConfiguration",
  "CreateTrigger.Actions[].NotificationProperty.NotifyDelayAfter",
  "CreateTrigger.Description",
  "CreateTrigger.Tags{key}",
  "CreateTrigger.EventBatchingCondition.BatchSize",
  "CreateTrigger.EventBatchingCondition.BatchWindow",
  "UpdateTrigger.Name",
  "UpdateTrigger.TriggerUpdate",
  "UpdateTrigger.TriggerUpdate.Description",
  "UpdateTrigger.TriggerUpdate.Schedule",
  "UpdateTrigger.TriggerUpdate.Actions",
  "GetTrigger.Name",
  "DeleteTrigger.Name",
  "StartTrigger.Name",
  "StopTrigger.Name",
  "GetTriggers.NextToken",
  "GetTriggers.DependentJobName",
  "GetTriggers.MaxResults",
];

interface ModelShape {
  type: string;
  required?: string[];
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
interface Model {
  operations: Record<string, { input: { shape: string } }>;
  shapes: Record<string, ModelShape>;
}

const [file, version] = process.argv.slice(2);
if (!file || !version) throw new Error("usage: extract-model-bounds.ts <service-2.json[.gz]> <botocore version>");
const raw = readFileSync(file);
const model = JSON.parse((file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8")) as Model;

function resolve(path: string) {
  const [operation = "", ...steps] = path.split(/\.|(?=\[\])|(?=\{)/);
  const input = model.operations[operation]?.input.shape;
  if (!input) throw new Error(`${path}: no operation ${operation}`);
  let shapeName = input;
  let required = true;
  for (const step of steps) {
    const shape = model.shapes[shapeName] as ModelShape;
    const next =
      step === "[]"
        ? shape.member?.shape
        : step === "{key}"
          ? shape.key?.shape
          : step === "{value}"
            ? shape.value?.shape
            : shape.members?.[step]?.shape;
    if (!next) throw new Error(`${path}: no ${step} in ${shapeName}`);
    required = step.startsWith("[") || step.startsWith("{") || (shape.required ?? []).includes(step);
    shapeName = next;
  }
  const { type, min, max, pattern, enum: values } = model.shapes[shapeName] as ModelShape;
  return { shape: shapeName, type, required, min, max, pattern, enum: values };
}

const members = Object.fromEntries(PATHS.map((path) => [path, resolve(path)]));
const fixture = {
  source: `botocore ${version}, botocore/data/glue/2017-03-31/${file.split("/").pop()}`,
  note: "Facts copied from AWS's Glue service model; regenerate with scripts/extract-model-bounds.ts, never edit by hand.",
  members,
};
const out = new URL("../test/fixtures/glue-model-bounds.json", import.meta.url);
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`${PATHS.length} members → ${out.pathname}`);
