/**
 * Fidelity: glue-local's input validation against the bounds of AWS's Glue service model
 * (test/fixtures/glue-model-bounds.json, extracted from botocore by scripts/extract-model-bounds.ts).
 * For every member glue-local validates, values at the model's bounds are accepted, values past
 * them refused, and a member the model leaves unbounded takes values far past any old guess.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { operations } from "../src/operations/index.ts";

interface Bounds {
  type: string;
  required: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/glue-model-bounds.json", import.meta.url), "utf8")) as {
  members: Record<string, Bounds>;
};

/**
 * Where glue-local is stricter than the model, on purpose. Each entry names the member path
 * (prefix) and the reason; nothing else may be refused.
 */
const STRICTER: Record<string, string> = {
  "ResumeWorkflowRun.NodeIds": "min 1: the seed requires NodeIds non-empty (the model sets no bound)",
  "CreateTrigger.Actions": "min 1: a trigger that starts nothing is refused (the model sets no bound)",
  "UpdateTrigger.TriggerUpdate.Actions": "min 1: as CreateTrigger.Actions",
  "CreateTrigger.Predicate.Conditions[].": "a condition is JobName + State or CrawlerName + CrawlState",
  "CreateTrigger.Actions[].JobName": "an action names exactly one of JobName or CrawlerName",
  "CreateTrigger.Actions[].CrawlerName": "an action names exactly one of JobName or CrawlerName",
};
const stricter = (path: string) =>
  Object.keys(STRICTER).some((p) => path === p || (p.endsWith(".") && path.startsWith(p)));

const jobCondition = { LogicalOperator: "EQUALS", JobName: "j", State: "SUCCEEDED" };
const crawlerCondition = { CrawlerName: "c", CrawlState: "SUCCEEDED" };
const notify = { NotifyDelayAfter: 1 };

/** A valid request per operation holding every member the fixture names. */
const BASE: Record<string, Record<string, unknown>> = {
  CreateWorkflow: {
    Name: "wf",
    Description: "d",
    DefaultRunProperties: { p: "v" },
    Tags: { t: "v" },
    MaxConcurrentRuns: 1,
  },
  UpdateWorkflow: { Name: "wf", Description: "d", MaxConcurrentRuns: 1 },
  DeleteWorkflow: { Name: "wf" },
  GetWorkflow: { Name: "wf" },
  ListWorkflows: { NextToken: "t", MaxResults: 1 },
  BatchGetWorkflows: { Names: ["wf"] },
  GetWorkflowRun: { Name: "wf", RunId: "wr" },
  GetWorkflowRuns: { Name: "wf", NextToken: "t", MaxResults: 1 },
  GetWorkflowRunProperties: { Name: "wf", RunId: "wr" },
  PutWorkflowRunProperties: { Name: "wf", RunId: "wr", RunProperties: { p: "v" } },
  StartWorkflowRun: { Name: "wf", RunProperties: { p: "v" } },
  StopWorkflowRun: { Name: "wf", RunId: "wr" },
  ResumeWorkflowRun: { Name: "wf", RunId: "wr", NodeIds: ["n"] },
  CreateJob: {
    Name: "j",
    Role: "r",
    Command: {},
    Description: "d",
    DefaultArguments: { a: "v" },
    ExecutionProperty: { MaxConcurrentRuns: 1 },
    MaxRetries: 0,
    Timeout: 1,
    NotificationProperty: notify,
    NumberOfWorkers: 1,
    Tags: { t: "v" },
  },
  UpdateJob: { JobName: "j", JobUpdate: { Description: "d", MaxRetries: 0, Timeout: 1, NumberOfWorkers: 1 } },
  DeleteJob: { JobName: "j" },
  GetJob: { JobName: "j" },
  StartJobRun: {
    JobName: "j",
    JobRunId: "jr",
    Arguments: { a: "v" },
    Timeout: 1,
    NotificationProperty: notify,
    NumberOfWorkers: 1,
  },
  GetJobRun: { JobName: "j", RunId: "jr" },
  GetJobRuns: { JobName: "j", NextToken: "t", MaxResults: 1 },
  BatchStopJobRun: { JobName: "j", JobRunIds: ["jr"] },
  CreateCrawler: {
    Name: "c",
    Role: "r",
    Targets: {},
    DatabaseName: "db",
    Description: "d",
    Schedule: "s",
    Tags: { t: "v" },
  },
  GetCrawler: { Name: "c" },
  DeleteCrawler: { Name: "c" },
  StartCrawler: { Name: "c" },
  StopCrawler: { Name: "c" },
  CreateTrigger: {
    Name: "t",
    WorkflowName: "wf",
    Type: "CONDITIONAL",
    Schedule: "s",
    Predicate: { Logical: "AND", Conditions: [jobCondition] },
    Actions: [
      { JobName: "j", Arguments: { a: "v" }, Timeout: 1, SecurityConfiguration: "sc", NotificationProperty: notify },
    ],
    Description: "d",
    Tags: { t: "v" },
    EventBatchingCondition: { BatchSize: 1, BatchWindow: 1 },
  },
  UpdateTrigger: { Name: "t", TriggerUpdate: { Description: "d", Schedule: "s", Actions: [{ JobName: "j" }] } },
  GetTrigger: { Name: "t" },
  DeleteTrigger: { Name: "t" },
  StartTrigger: { Name: "t" },
  StopTrigger: { Name: "t" },
  GetTriggers: { NextToken: "t", DependentJobName: "j", MaxResults: 1 },
};

/** Members of a crawler condition or action are probed on a crawler-shaped base. */
function baseFor(path: string): Record<string, unknown> {
  const [operation = ""] = path.split(".");
  const base = structuredClone(BASE[operation]) as Record<string, unknown>;
  if (path.includes("Conditions[].Crawl"))
    (base.Predicate as { Conditions: unknown[] }).Conditions = [crawlerCondition];
  if (path.includes("Actions[].CrawlerName")) base.Actions = [{ CrawlerName: "c" }];
  return base;
}

type Probe = { label: string; value: unknown; accept: boolean } | { label: string; omit: true; accept: boolean };

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };

function probes(path: string, b: Bounds): Probe[] {
  const out: Probe[] = [];
  if (!path.includes("[]") && !path.includes("{")) {
    out.push({ label: b.required ? "omitted (required)" : "omitted", omit: true, accept: !b.required });
  }
  const min = b.min ?? 0;
  if (b.type === "string" && b.enum) {
    for (const v of b.enum) out.push({ label: `enum ${v}`, value: v, accept: true });
    out.push({ label: "a value outside the enum", value: "NOT_IN_THE_MODEL", accept: false });
  } else if (b.type === "string") {
    if (min > 0) out.push({ label: `${min - 1} characters`, value: "x".repeat(min - 1), accept: false });
    if (min === 0) out.push({ label: "an empty string", value: "", accept: true });
    if (b.max !== undefined) {
      out.push({ label: `${b.max} characters`, value: "x".repeat(b.max), accept: true });
      out.push({ label: `${b.max + 1} characters`, value: "x".repeat(b.max + 1), accept: false });
    } else {
      out.push({ label: "130,000 characters (unbounded)", value: "x".repeat(130_000), accept: true });
    }
    const pattern = b.pattern ? new RegExp(`^(?:${b.pattern})$`, "u") : undefined;
    for (const [label, value] of [
      ["a line break", "a\nb"],
      ["a tab", "a\tb"],
      ["a control character", "a\u0001b"],
      ["an accent", "é"],
      ["an emoji", "😀"],
    ] as const) {
      out.push({ label: `${label} (${JSON.stringify(value)})`, value, accept: pattern ? pattern.test(value) : true });
    }
  } else if (b.type === "integer") {
    out.push({ label: `min ${b.min ?? INT32.min}`, value: b.min ?? INT32.min, accept: true });
    out.push({ label: `max ${b.max ?? INT32.max}`, value: b.max ?? INT32.max, accept: true });
    if (b.min !== undefined) out.push({ label: `${b.min - 1}`, value: b.min - 1, accept: false });
    if (b.max !== undefined) out.push({ label: `${b.max + 1}`, value: b.max + 1, accept: false });
    out.push({ label: "a fraction", value: 1.5, accept: false });
  } else if (b.type === "list" || b.type === "map") {
    const sizes: [number, boolean][] = [[min, true]];
    if (min > 0) sizes.push([min - 1, false]);
    if (b.max !== undefined) sizes.push([b.max, true], [b.max + 1, false]);
    else sizes.push([1001, true]);
    for (const [size, accept] of sizes) out.push({ label: `${size} entries`, value: size, accept });
  }
  return out;
}

/** `base` with the member at `path` set to `value` (or removed); list and map sizes become that many entries. */
function put(base: Record<string, unknown>, path: string, probe: Probe, b: Bounds): unknown {
  const steps = path.split(/\.|(?=\[\])|(?=\{)/).slice(1);
  const root = structuredClone(base);
  let parent: Record<string, unknown> | unknown[] = root;
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const container = parent as Record<string, unknown>;
    if (step === "[]") {
      const list = parent as unknown[];
      if (last) list[0] = "value" in probe ? probe.value : undefined;
      else parent = list[0] as Record<string, unknown>;
    } else if (step === "{key}" || step === "{value}") {
      const map = parent as Record<string, unknown>;
      const [k, v] = Object.entries(map)[0] as [string, unknown];
      delete map[k];
      if (step === "{key}") map[String("value" in probe ? probe.value : "")] = v;
      else map[k] = "value" in probe ? probe.value : undefined;
    } else if (!last) {
      parent = container[step] as Record<string, unknown>;
    } else if ("omit" in probe) {
      delete container[step];
    } else if (b.type === "list" || b.type === "map") {
      const size = probe.value as number;
      const current = container[step];
      if (Array.isArray(current)) container[step] = Array.from({ length: size }, (_, n) => sized(current[0], n));
      else {
        const v = Object.values(current as object)[0];
        container[step] = Object.fromEntries(Array.from({ length: size }, (_, n) => [`k${n}`, v]));
      }
    } else {
      container[step] = probe.value;
    }
  });
  return root;
}
/** Distinct list items where they are names (BatchGetWorkflows refuses nothing for repeats, but stay realistic). */
const sized = (item: unknown, n: number) => (typeof item === "string" ? `${item}${n}` : structuredClone(item));

const cases = Object.entries(fixture.members).flatMap(([path, b]) =>
  probes(path, b).map((p) => [path, p.label, p, b] as const),
);

describe("glue-local accepts what Glue's model accepts and refuses what it refuses", () => {
  it("covers every operation glue-local serves", () => {
    const covered = new Set(Object.keys(fixture.members).map((p) => p.split(".")[0]));
    expect([...covered].sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases)("%s: %s", (path, _label, probe, b) => {
    // Prepare
    const operation = operations[path.split(".")[0] as string];
    const input = put(baseFor(path), path, probe, b);
    // Act
    let refused: unknown;
    try {
      operation?.input(input, "");
    } catch (error) {
      refused = error;
    }
    // Assess
    if (probe.accept && stricter(path) && refused) return; // a documented stricter rule (STRICTER)
    expect(refused === undefined ? "accepted" : `refused: ${(refused as Error).message}`).toEqual(
      probe.accept ? "accepted" : expect.stringMatching(/^refused/),
    );
  });
});
