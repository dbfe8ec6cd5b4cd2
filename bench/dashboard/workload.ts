/**
 * What the dashboard bench draws: a 100-node workflow run for real in glue-local (a start trigger,
 * starting 10 layers of 9 jobs, each further layer started by a conditional trigger on the whole
 * layer before: 90 jobs + 10 triggers = 100 nodes), and 1,000 runs of one workflow stored straight into the table.
 */
import { ConfigName, createDocumentClient, type Env } from "@glue-run-tracker/core";
import { createRunStore } from "../../packages/core/src/store/dynamo-run-store.ts";
import type { DemoTrigger, DemoWorkflow } from "../../packages/local/src/demo/workflows.ts";
import { throughput } from "../store/measure.ts";
import { lifecycle } from "../store/workload.ts";

export const GRAPH_WORKFLOW = "bench-100-nodes";
export const LIST_WORKFLOW = "bench-1000-runs";
const LAYERS = 10;
const JOBS_PER_LAYER = 9;

export function hundredNodeWorkflow(): DemoWorkflow {
  const job = (layer: number, i: number) => `${GRAPH_WORKFLOW}-l${layer}-j${i}`;
  const layerJobs = (layer: number) => Array.from({ length: JOBS_PER_LAYER }, (_, i) => ({ job: job(layer, i) }));
  const triggers: DemoTrigger[] = [{ name: `${GRAPH_WORKFLOW}-start`, type: "ON_DEMAND", starts: layerJobs(0) }];
  for (let layer = 1; layer < LAYERS; layer++) {
    triggers.push({
      name: `${GRAPH_WORKFLOW}-after-l${layer - 1}`,
      type: "CONDITIONAL",
      logical: "AND",
      after: layerJobs(layer - 1).map((j) => ({ job: j.job, state: "SUCCEEDED" as const })),
      starts: layerJobs(layer),
    });
  }
  return {
    name: GRAPH_WORKFLOW,
    description: "100 nodes for the dashboard bench",
    story: "",
    crawlers: [],
    jobs: Array.from({ length: LAYERS }, (_, layer) => layerJobs(layer))
      .flat()
      .map((j) => ({ name: j.job, arguments: { "--sim-duration-ms": "400" } })),
    triggers,
  };
}

/** `count` completed runs of LIST_WORKFLOW (5-job graphs), written through the store as ingest writes them. */
export async function storeRuns(env: Env, count: number): Promise<void> {
  const store = createRunStore({
    client: createDocumentClient(env),
    tableName: env[ConfigName.TableName] ?? "",
    paginationSecret: env[ConfigName.PaginationSecret] ?? "",
  });
  await throughput(count, 8, async (i) => {
    const final = lifecycle(LIST_WORKFLOW, i, 5).at(-1);
    if (final) await store.putSnapshot(final);
  });
}
