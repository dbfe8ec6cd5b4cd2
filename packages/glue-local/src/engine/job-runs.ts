/**
 * Job runs: start (honouring ExecutionProperty.MaxConcurrentRuns and the `--sim-*` controls),
 * timeout, stop, and the Glue Job State Change / Glue Job Run Status events.
 */
import { GlueDetailType } from "@glue-run-tracker/glue-model";
import { ConcurrentRunsExceededError } from "../errors.ts";
import { jobRunStatusDetail, jobStateChangeDetail } from "../events.ts";
import type { EngineContext } from "./context.ts";
import { type JobOutcome, planJobRun, type SimPlan, STOP_DELAY_MS } from "./simulation.ts";
import { type JobRecord, type JobRunRecord, jobKey, type RunLink, type StringMap } from "./state.ts";

/** Glue's default job timeout: 2880 minutes (48 hours). */
export const DEFAULT_JOB_TIMEOUT_MINUTES = 2_880;
const ACTIVE = new Set(["STARTING", "RUNNING", "STOPPING", "WAITING"]);
const CAPACITY_FIELDS = [
  "AllocatedCapacity",
  "MaxCapacity",
  "WorkerType",
  "NumberOfWorkers",
  "GlueVersion",
  "SecurityConfiguration",
  "ExecutionClass",
];

export interface JobRunRequest {
  arguments?: StringMap | undefined;
  triggerName?: string | undefined;
  run?: RunLink | undefined;
  timeoutMinutes?: number | undefined;
  notifyDelayAfter?: number | undefined;
  jobRunId?: string | undefined;
  overrides?: Record<string, unknown> | undefined;
  /** StartJobRun raises ConcurrentRunsExceeded; a trigger's job run ends FAILED instead. */
  fromApi: boolean;
}

export const isActiveJobRun = (run: JobRunRecord): boolean => ACTIVE.has(run.state);

export class JobRunner {
  constructor(private readonly ctx: EngineContext) {}

  activeRunsOf(jobName: string): JobRunRecord[] {
    return [...this.ctx.state.jobRuns.values()].filter((r) => r.jobName === jobName && isActiveJobRun(r));
  }

  start(job: JobRecord, request: JobRunRequest): JobRunRecord {
    const { state, scheduler } = this.ctx;
    const def = job.definition as {
      DefaultArguments?: StringMap;
      NonOverridableArguments?: StringMap;
      ExecutionProperty?: { MaxConcurrentRuns?: number };
      Timeout?: number;
      NotificationProperty?: { NotifyDelayAfter?: number };
    };
    const limit = def.ExecutionProperty?.MaxConcurrentRuns ?? 1;
    const concurrencyExceeded = this.activeRunsOf(job.name).length >= limit;
    const message = `Concurrent runs exceeded for job: ${job.name}`;
    if (concurrencyExceeded && request.fromApi) throw new ConcurrentRunsExceededError(message);

    const now = scheduler.now();
    const args: StringMap = {
      ...def.DefaultArguments,
      ...request.arguments,
      ...def.NonOverridableArguments,
      ...(request.run ? { "--WORKFLOW_NAME": request.run.workflowName, "--WORKFLOW_RUN_ID": request.run.runId } : {}),
    };
    const capacity: Record<string, unknown> = {};
    for (const field of CAPACITY_FIELDS) {
      const value = request.overrides?.[field] ?? job.definition[field];
      if (value !== undefined) capacity[field] = value;
    }
    const run: JobRunRecord = {
      id: request.jobRunId ?? this.ctx.ids.jobRun(job.name),
      jobName: job.name,
      triggerName: request.triggerName,
      arguments: args,
      startedOn: now,
      lastModifiedOn: now,
      completedOn: undefined,
      state: "RUNNING",
      errorMessage: undefined,
      timeoutMinutes: request.timeoutMinutes ?? def.Timeout ?? DEFAULT_JOB_TIMEOUT_MINUTES,
      notifyDelayAfter: request.notifyDelayAfter ?? def.NotificationProperty?.NotifyDelayAfter,
      capacity,
      run: request.run,
      seq: state.nextSeq(),
      timers: [],
    };
    state.jobRuns.set(run.id, run);

    // Every ending goes through the scheduler, even an immediate one, so that a start never
    // re-enters the workflow logic that called it.
    if (concurrencyExceeded) {
      run.timers.push(scheduler.after(0, () => this.finish(run, "FAILED", message)));
      return run;
    }
    let plan: SimPlan<JobOutcome>;
    try {
      plan = planJobRun(args, ++job.startedRuns);
    } catch (error) {
      run.timers.push(scheduler.after(0, () => this.finish(run, "FAILED", (error as Error).message)));
      return run;
    }
    const timeoutMs = run.timeoutMinutes * 60_000;
    const [endAfter, outcome, errorMessage] =
      plan.durationMs > timeoutMs
        ? [timeoutMs, "TIMEOUT" as const, plan.errorMessage ?? `Job run timed out after ${run.timeoutMinutes} minutes`]
        : [plan.durationMs, plan.outcome, plan.outcome === "SUCCEEDED" ? undefined : plan.errorMessage];
    run.timers.push(scheduler.after(endAfter, () => this.finish(run, outcome, defaultMessage(outcome, errorMessage))));
    if (run.notifyDelayAfter !== undefined && run.notifyDelayAfter * 60_000 < endAfter) {
      run.timers.push(scheduler.after(run.notifyDelayAfter * 60_000, () => this.notifyDelayed(run)));
    }
    return run;
  }

  /** RUNNING → STOPPING → STOPPED. False when the run has already ended. */
  stop(run: JobRunRecord): boolean {
    if (!isActiveJobRun(run)) return false;
    if (run.state === "STOPPING") return true;
    for (const timer of run.timers) this.ctx.scheduler.cancel(timer);
    run.timers = [];
    run.state = "STOPPING";
    run.lastModifiedOn = this.ctx.scheduler.now();
    run.timers.push(this.ctx.scheduler.after(STOP_DELAY_MS, () => this.finish(run, "STOPPED", undefined)));
    return true;
  }

  private finish(run: JobRunRecord, endState: JobOutcome, errorMessage: string | undefined): void {
    if (!isActiveJobRun(run)) return;
    const { scheduler, events } = this.ctx;
    for (const timer of run.timers) scheduler.cancel(timer);
    run.timers = [];
    const now = scheduler.now();
    run.state = endState;
    run.completedOn = now;
    run.lastModifiedOn = now;
    run.errorMessage = errorMessage;
    events.emit(GlueDetailType.JobStateChange, jobStateChangeDetail(run.jobName, run.id, endState, errorMessage), now);
    if (run.run) this.ctx.actionFinished(run.run, jobKey(run.jobName), endState);
  }

  private notifyDelayed(run: JobRunRecord): void {
    if (!isActiveJobRun(run) || run.notifyDelayAfter === undefined) return;
    const state = run.state === "STOPPING" ? "STOPPING" : run.state === "STARTING" ? "STARTING" : "RUNNING";
    const detail = jobRunStatusDetail(run.jobName, run.id, state, run.notifyDelayAfter, run.startedOn);
    this.ctx.events.emit(GlueDetailType.JobRunStatus, detail, this.ctx.scheduler.now());
  }
}

function defaultMessage(outcome: JobOutcome, message: string | undefined): string | undefined {
  if (outcome === "SUCCEEDED" || message !== undefined) return message;
  return outcome === "FAILED" ? "Simulated job failure" : undefined;
}
