/**
 * The demo's workflows, as a data engineer would define them in Glue: a nightly ETL
 * (crawler → transform jobs → conditional publish), a sync that hits a transient
 * throttling error once (auto-resume fixes it), and a load that fails for real
 * (alert, not resumed). Durations are simulated by glue-local. The second account
 * ("analytics") has a workflow of the same name, whose runs get the same ids.
 */
import type { WorkerType } from "@aws-sdk/client-glue";

export interface DemoJob {
  name: string;
  arguments?: Record<string, string>;
  /** Workers and execution class (default DEMO_CAPACITY): what each run's Cost is computed from. */
  capacity?: { WorkerType: WorkerType; NumberOfWorkers: number; ExecutionClass?: "STANDARD" | "FLEX" };
}

/** Two G.1X workers: the smallest usual Spark job (cost per run, docs/decisions/insights-cost-and-settings.md). */
export const DEMO_CAPACITY = { WorkerType: "G.1X", NumberOfWorkers: 2 } as const;

export interface DemoTrigger {
  name: string;
  type: "ON_DEMAND" | "CONDITIONAL";
  /** Jobs/crawlers that must reach the state for a CONDITIONAL trigger. */
  after?: { job?: string; crawler?: string; state: "SUCCEEDED" | "FAILED" }[];
  logical?: "AND" | "ANY";
  starts: { job?: string; crawler?: string }[];
}

export interface DemoWorkflow {
  name: string;
  description: string;
  /** What a viewer should expect to see. */
  story: string;
  crawlers: { name: string; tags?: Record<string, string> }[];
  jobs: DemoJob[];
  triggers: DemoTrigger[];
  defaultRunProperties?: Record<string, string>;
  /** Per-workflow settings the demo stores (GET/PUT /workflows/{name}/settings). */
  settings?: { runTimeLimitMinutes?: number };
  /** Started once, not on every round (a story that must not repeat). */
  once?: boolean;
}

const ms = (n: number) => String(n);

export const demoWorkflows: DemoWorkflow[] = [
  {
    name: "sales-daily-etl",
    description: "Crawl raw sales, clean and aggregate them, publish the report when both succeed",
    story: "crawler → 2 transform jobs → conditional publish; ends SUCCEEDED",
    crawlers: [{ name: "raw-sales-crawler", tags: { "sim:duration-ms": ms(1500) } }],
    jobs: [
      { name: "clean-sales", arguments: { "--sim-duration-ms": ms(2000) } },
      {
        name: "aggregate-sales",
        // Flex with auto scaling: Glue reports DPUSeconds, priced at the Flex rate.
        arguments: { "--sim-duration-ms": ms(2500), "--enable-auto-scaling": "true" },
        capacity: { WorkerType: "G.2X", NumberOfWorkers: 10, ExecutionClass: "FLEX" },
      },
      { name: "publish-sales-report", arguments: { "--sim-duration-ms": ms(1000) } },
    ],
    triggers: [
      { name: "sales-start", type: "ON_DEMAND", starts: [{ crawler: "raw-sales-crawler" }] },
      {
        name: "sales-transform",
        type: "CONDITIONAL",
        after: [{ crawler: "raw-sales-crawler", state: "SUCCEEDED" }],
        starts: [{ job: "clean-sales" }, { job: "aggregate-sales" }],
      },
      {
        name: "sales-publish",
        type: "CONDITIONAL",
        logical: "AND",
        after: [
          { job: "clean-sales", state: "SUCCEEDED" },
          { job: "aggregate-sales", state: "SUCCEEDED" },
        ],
        starts: [{ job: "publish-sales-report" }],
      },
    ],
    defaultRunProperties: { env: "demo", source: "s3://demo-raw/sales/" },
  },
  {
    name: "customer-sync",
    description: "Extract CRM customers and merge them into the lake",
    story: "extract-crm is throttled once → FAILED alert → auto-resumed → recovered",
    crawlers: [],
    jobs: [
      {
        name: "extract-crm",
        arguments: {
          "--sim-duration-ms": ms(1500),
          "--sim-fail-attempts": "1",
          "--sim-error-message": "ThrottlingException: Rate exceeded (CRM API)",
        },
      },
      { name: "merge-customers", arguments: { "--sim-duration-ms": ms(1500) } },
    ],
    triggers: [
      { name: "customer-start", type: "ON_DEMAND", starts: [{ job: "extract-crm" }] },
      {
        name: "customer-merge",
        type: "CONDITIONAL",
        after: [{ job: "extract-crm", state: "SUCCEEDED" }],
        starts: [{ job: "merge-customers" }],
      },
    ],
  },
  {
    name: "inventory-refresh",
    description: "Load the inventory snapshot (its source table is missing: fails for real)",
    story: "load-inventory fails with a non-transient error → FAILED alert, not resumed",
    crawlers: [],
    jobs: [
      {
        name: "load-inventory",
        arguments: {
          "--sim-duration-ms": ms(1000),
          "--sim-outcome": "FAILED",
          "--sim-error-message": "AnalysisException: Table or view not found: inventory_raw",
        },
      },
    ],
    triggers: [{ name: "inventory-start", type: "ON_DEMAND", starts: [{ job: "load-inventory" }] }],
  },
  {
    name: "partner-export",
    description: "Export the partner feed (today's extract is slow)",
    story:
      "limit 1 min (settings), its job runs 150 s → overdue alert (within ~2 reconciler periods), then 'finished after …'",
    crawlers: [],
    jobs: [{ name: "export-partner-feed", arguments: { "--sim-duration-ms": ms(150_000) } }],
    triggers: [{ name: "partner-start", type: "ON_DEMAND", starts: [{ job: "export-partner-feed" }] }],
    settings: { runTimeLimitMinutes: 1 },
    once: true,
  },
];

const homeCustomerSync = demoWorkflows.find((wf) => wf.name === "customer-sync") as DemoWorkflow;

/**
 * The second account's workflows (docs/decisions/accounts-local.md): `customer-sync` again,
 * same name, same transient failure and, glue-local's run ids being seeded alike, the
 * same run ids as the home account's — auto-resumed there, in analytics; and one of its own.
 */
export const analyticsDemoWorkflows: DemoWorkflow[] = [
  {
    ...homeCustomerSync,
    story: "same name and run ids as in the home account; throttled once → auto-resumed in this account",
  },
  {
    name: "clickstream-hourly",
    description: "Crawl the hour's clickstream and sessionize it",
    story: "crawler → sessionize job; ends SUCCEEDED",
    crawlers: [{ name: "clickstream-crawler", tags: { "sim:duration-ms": ms(1000) } }],
    jobs: [{ name: "sessionize-clicks", arguments: { "--sim-duration-ms": ms(2000) } }],
    triggers: [
      { name: "clickstream-start", type: "ON_DEMAND", starts: [{ crawler: "clickstream-crawler" }] },
      {
        name: "clickstream-sessionize",
        type: "CONDITIONAL",
        after: [{ crawler: "clickstream-crawler", state: "SUCCEEDED" }],
        starts: [{ job: "sessionize-clicks" }],
      },
    ],
  },
];
