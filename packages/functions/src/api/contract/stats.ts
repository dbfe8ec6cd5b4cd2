/**
 * GET /workflows/{name}/stats: the query (a window of whole UTC days) and the
 * response (PascalCase, as every body of this API), built from core's WorkflowStats
 * (core/src/insights/stats). The window rules live in core (Stats.statsWindow) and
 * are applied here too, so a bad window is a 400 before the store is asked.
 */
import { InvalidInputError, Stats } from "@glue-run-tracker/core";
import * as z from "zod";
import { instantParam } from "./fields.ts";
import { accountScope } from "./requests.ts";
import { apiSchemas } from "./responses.ts";

export const StatsQuery = z
  .strictObject({
    ...accountScope,
    since: instantParam(
      `First day of the window (its UTC date counts whole; default: ${Stats.DEFAULT_STATS_WINDOW_DAYS - 1} days before until; the window spans at most ${Stats.MAX_STATS_WINDOW_DAYS} days).`,
    ),
    until: instantParam("Last day of the window (its UTC date counts whole; default: today)."),
  })
  .check((ctx) => {
    try {
      Stats.statsWindow(ctx.value, new Date());
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      ctx.issues.push({ code: "custom", input: ctx.value, path: ["since"], message: error.message });
    }
  });

function component<S extends z.ZodType>(id: string, schema: S, description: string): S {
  apiSchemas.add(schema, { id, description });
  return schema;
}

const count = () => z.number().int().min(0);
const rate = (what: string) => z.number().min(0).max(1).optional().meta({ description: what });

const DurationSummary = component(
  "DurationSummary",
  z.object({
    Count: count(),
    P50: z.number().optional(),
    P95: z.number().optional(),
    Max: z.number().optional(),
  }),
  `Seconds, nearest-rank percentiles from a DDSketch, within ${Stats.DURATION_RELATIVE_ACCURACY * 100} % of the exact value (Max too); absent without runs.`,
);

const outcomeCounts = {
  Runs: count(),
  Succeeded: count(),
  Failed: count(),
  Stopped: count(),
  Errored: count(),
  Unknown: count(),
  FailureRate: rate("(Failed + Errored) / Runs; absent without runs."),
};

const AutoResumeStats = z.object({ Count: count(), Succeeded: count(), SuccessRate: rate("Succeeded / Count.") });
const CostTotal = z.object({ Amount: z.number(), Currency: z.string().optional(), DpuSeconds: z.number() });

const DayStats = z.object({
  Day: z.string().meta({ format: "date" }),
  ...outcomeCounts,
  AutoResumes: AutoResumeStats,
  Duration: DurationSummary,
  SuccessfulDuration: DurationSummary,
  Cost: CostTotal,
});

const NodeStats = z.object({
  Type: z.enum(["JOB", "CRAWLER"]),
  Name: z.string(),
  ...outcomeCounts,
  Duration: DurationSummary,
});

export const WorkflowStats = component(
  "WorkflowStats",
  z.object({
    WorkflowName: z.string(),
    Since: z.string().meta({ format: "date" }),
    Until: z.string().meta({ format: "date" }),
    ...outcomeCounts,
    AutoResumes: AutoResumeStats,
    Duration: DurationSummary,
    SuccessfulDuration: DurationSummary,
    Cost: CostTotal,
    Days: z.array(DayStats).meta({ description: "Days with runs, oldest first (by the runs' StartedOn, UTC)." }),
    Nodes: z.array(NodeStats).meta({ description: "Jobs and crawlers: the last attempt in each run." }),
  }),
  "Terminal runs of one workflow over a window of days, with per-day buckets and per-node figures.",
);

export const StatsResponse = component(
  "StatsResponse",
  z.object({ Stats: WorkflowStats }),
  "GET /workflows/{name}/stats",
);

type Summary = Stats.DurationSummary;
type Counts = Stats.OutcomeCounts;

const duration = (d: Summary) => ({ Count: d.count, P50: d.p50, P95: d.p95, Max: d.max });
const counts = (c: Counts) => ({
  Runs: c.runs,
  Succeeded: c.succeeded,
  Failed: c.failed,
  Stopped: c.stopped,
  Errored: c.errored,
  Unknown: c.unknown,
  FailureRate: c.failureRate,
});
const autoResumes = (a: Stats.AutoResumeStats) => ({
  Count: a.count,
  Succeeded: a.succeeded,
  SuccessRate: a.successRate,
});
const cost = (c: Stats.CostTotal) => ({ Amount: c.amount, Currency: c.currency, DpuSeconds: c.dpuSeconds });

/** core's camelCase figures → the API's PascalCase body. */
export function statsBody(stats: Stats.WorkflowStats): z.input<typeof StatsResponse> {
  return {
    Stats: {
      WorkflowName: stats.workflowName,
      Since: stats.since,
      Until: stats.until,
      ...counts(stats),
      AutoResumes: autoResumes(stats.autoResumes),
      Duration: duration(stats.duration),
      SuccessfulDuration: duration(stats.successfulDuration),
      Cost: cost(stats.cost),
      Days: stats.days.map((day) => ({
        Day: day.day,
        ...counts(day),
        AutoResumes: autoResumes(day.autoResumes),
        Duration: duration(day.duration),
        SuccessfulDuration: duration(day.successfulDuration),
        Cost: cost(day.cost),
      })),
      Nodes: stats.nodes.map((node) => ({
        Type: node.type,
        Name: node.name,
        ...counts(node),
        Duration: duration(node.duration),
      })),
    },
  };
}
