/**
 * DPUSeconds, which Glue reports on a job run only for the Flex execution class and
 * for auto-scaling runs (`--enable-auto-scaling true`), once the run has ended.
 * An auto-scaling run is simulated as using AUTO_SCALING_SHARE of its maximum
 * workers on average, so its DPUSeconds fall below execution time × capacity, as on Glue.
 */
import { WORKER_TYPE_DPU } from "@glue-run-tracker/glue-model";
import type { JobRunRecord } from "./state.ts";

export const AUTO_SCALING_SHARE = 0.75;

export function dpuSeconds(
  run: Pick<JobRunRecord, "arguments" | "capacity" | "startedOn" | "completedOn">,
): number | undefined {
  if (run.completedOn === undefined) return undefined;
  const flex = run.capacity.ExecutionClass === "FLEX";
  const autoScaling = run.arguments["--enable-auto-scaling"] === "true";
  if (!flex && !autoScaling) return undefined;
  const perWorker = WORKER_TYPE_DPU[String(run.capacity.WorkerType)];
  const workers = Number(run.capacity.NumberOfWorkers);
  if (perWorker === undefined || !(workers > 0)) return undefined;
  const seconds = (run.completedOn - run.startedOn) / 1000;
  const share = autoScaling ? AUTO_SCALING_SHARE : 1;
  return Math.round(seconds * workers * perWorker * share * 1000) / 1000;
}
