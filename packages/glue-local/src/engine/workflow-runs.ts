/**
 * Workflow runs, as Glue runs them: the start trigger fires the first actions; each conditional
 * trigger fires at most once per run when its predicate holds; the run is COMPLETED when nothing
 * runs any more (even if actions failed); stop drains to STOPPED; resume starts a new run from
 * chosen job/crawler nodes, inheriting the other nodes' end states.
 */
import {
  ConcurrentRunsExceededError,
  EntityNotFoundError,
  IllegalWorkflowStateError,
  InvalidInputError,
} from "../errors.ts";
import type { EngineContext } from "./context.ts";
import type { CrawlRunner } from "./crawls.ts";
import { deriveGraph, startTriggerOf } from "./graph.ts";
import type { JobRunner } from "./job-runs.ts";
import {
  type ActionRecord,
  crawlerKey,
  emptyStatistics,
  jobKey,
  type NodeKey,
  type RunLink,
  type StringMap,
  type TriggerRecord,
  type WorkflowRecord,
  type WorkflowRunRecord,
} from "./state.ts";
import { predicateHolds, watches } from "./triggers.ts";

const END_STATE_COUNTER = {
  SUCCEEDED: "SucceededActions",
  FAILED: "FailedActions",
  TIMEOUT: "TimeoutActions",
  STOPPED: "StoppedActions",
  CANCELLED: "StoppedActions",
  ERROR: "ErroredActions",
} as const;

export const isActiveRun = (run: WorkflowRunRecord): boolean => run.status === "RUNNING" || run.status === "STOPPING";
export const concurrentRunsMessage = (workflowName: string) => `Concurrent runs exceeded for workflow: ${workflowName}`;

export class WorkflowRunner {
  constructor(
    private readonly ctx: EngineContext,
    private readonly jobs: JobRunner,
    private readonly crawls: CrawlRunner,
  ) {}

  getRun(workflowName: string, runId: string): WorkflowRunRecord {
    const run = this.ctx.state.runs.get(workflowName)?.get(runId);
    if (!run) throw new EntityNotFoundError(`Workflow run ${runId} of workflow ${workflowName} not found`);
    return run;
  }

  /**
   * StartWorkflowRun (`fromApi`) raises ConcurrentRunsExceeded past MaxConcurrentRuns; a
   * scheduled start records an ERROR run carrying that message instead, as Glue does.
   */
  start(workflow: WorkflowRecord, runProperties: StringMap | undefined, fromApi: boolean): WorkflowRunRecord {
    const startTrigger = startTriggerOf(this.ctx.state, workflow.name);
    if (!startTrigger)
      throw new InvalidInputError(`Workflow ${workflow.name} has no start trigger (ON_DEMAND or SCHEDULED)`);
    const exceeded = this.concurrencyExceeded(workflow, fromApi);
    const run = this.newRun(workflow.name, { ...workflow.defaultRunProperties, ...runProperties }, undefined);
    if (exceeded) {
      run.status = "ERROR";
      run.errorMessage = concurrentRunsMessage(workflow.name);
      run.completedOn = run.startedOn;
      return run;
    }
    this.fire(run, startTrigger);
    this.scheduleCompletionCheck(run);
    return run;
  }

  /** StopWorkflowRun: RUNNING → STOPPING (running actions stop) → STOPPED. */
  stop(workflowName: string, runId: string): void {
    const run = this.getRun(workflowName, runId);
    if (run.status !== "RUNNING") {
      throw new IllegalWorkflowStateError(
        `Workflow run ${runId} of workflow ${workflowName} is not running (status: ${run.status})`,
      );
    }
    run.status = "STOPPING";
    for (const action of run.actions) {
      if (action.kind === "job") this.jobs.stop(action.jobRun);
      else {
        const crawler = this.ctx.state.crawlers.get(action.crawl.crawlerName);
        if (crawler) this.crawls.stop(crawler, action.crawl);
      }
    }
    this.completeIfDone(run);
  }

  /** ResumeWorkflowRun: validates NodeIds, then starts them in a new run. */
  resume(workflow: WorkflowRecord, runId: string, nodeIds: string[]): { run: WorkflowRunRecord; nodeIds: string[] } {
    const previous = this.getRun(workflow.name, runId);
    if (previous.status !== "COMPLETED") {
      throw new IllegalWorkflowStateError(
        `Workflow run ${runId} of workflow ${workflow.name} is ${previous.status}; only COMPLETED runs can be resumed`,
      );
    }
    const graph = deriveGraph(this.ctx.state, workflow.name);
    const byId = new Map(graph.nodes.map((n) => [n.uniqueId, n]));
    const unique = [...new Set(nodeIds)];
    const restart = unique.map((id) => {
      const node = byId.get(id);
      if (!node) throw new InvalidInputError(`Node ${id} is not a node of workflow ${workflow.name}`);
      if (!node.key)
        throw new InvalidInputError(`Node ${id} is trigger ${node.name}; only job and crawler nodes can be resumed`);
      if (!previous.actions.some((a) => actionKey(a) === node.key)) {
        throw new InvalidInputError(
          `Node ${id} (${node.type} ${node.name}) has no run attempt in workflow run ${runId}`,
        );
      }
      return node;
    });
    if (this.concurrencyExceeded(workflow, true))
      throw new ConcurrentRunsExceededError(concurrentRunsMessage(workflow.name));

    const run = this.newRun(workflow.name, { ...previous.properties }, previous.runId);
    for (const [key, endState] of previous.nodeStates) run.nodeStates.set(key, endState);
    for (const node of restart) if (node.key) run.nodeStates.delete(node.key);
    const triggers = this.ctx.state.triggersOf(workflow.name);
    const restarted: string[] = [];
    for (const node of restart) {
      // A restarted node runs as its trigger would have started it (arguments, timeout…).
      const trigger = triggers.find((t) => t.actions.some((a) => actionTarget(a) === node.key));
      const action = trigger?.actions.find((a) => actionTarget(a) === node.key) ?? targetAction(node.type, node.name);
      if (this.startAction(run, action, trigger?.name)) {
        restarted.push(node.uniqueId);
        continue;
      }
      // Its job or crawler was deleted: the node keeps the state it ended the previous run in.
      const before = node.key ? previous.nodeStates.get(node.key) : undefined;
      if (node.key && before !== undefined) run.nodeStates.set(node.key, before);
    }
    this.scheduleCompletionCheck(run);
    // Glue answers the nodes it actually restarted, not the ones asked for.
    return { run, nodeIds: restarted };
  }

  /** A job run or crawl of `link`'s run ended: count it, fire what now holds, maybe complete. */
  actionFinished(link: RunLink, key: NodeKey, endState: string): void {
    const run = this.ctx.state.runs.get(link.workflowName)?.get(link.runId);
    if (!run) return; // the workflow (or the run) was deleted or forgotten meanwhile
    const stats = run.statistics;
    stats.RunningActions = Math.max(0, stats.RunningActions - 1);
    const counter = END_STATE_COUNTER[endState as keyof typeof END_STATE_COUNTER];
    if (counter) stats[counter]++;
    run.nodeStates.set(key, endState);
    if (run.status === "RUNNING") {
      for (const trigger of this.ctx.state.triggersOf(run.workflowName)) {
        if (trigger.type !== "CONDITIONAL" || trigger.state !== "ACTIVATED") continue;
        if (run.firedTriggers.has(trigger.name) || !watches(trigger, key)) continue;
        if (predicateHolds(trigger.predicate, run.nodeStates)) this.fire(run, trigger);
      }
    }
    this.completeIfDone(run);
  }

  private concurrencyExceeded(workflow: WorkflowRecord, raise: boolean): boolean {
    const limit = workflow.maxConcurrentRuns;
    if (limit === undefined || limit <= 0) return false;
    const active = [...this.ctx.state.runsOf(workflow.name).values()].filter(isActiveRun).length;
    if (active < limit) return false;
    if (raise) throw new ConcurrentRunsExceededError(concurrentRunsMessage(workflow.name));
    return true;
  }

  private newRun(workflowName: string, properties: StringMap, previousRunId: string | undefined): WorkflowRunRecord {
    const now = this.ctx.scheduler.now();
    const run: WorkflowRunRecord = {
      workflowName,
      runId: this.ctx.ids.workflowRun(workflowName),
      previousRunId,
      properties,
      startedOn: now,
      completedOn: undefined,
      status: "RUNNING",
      errorMessage: undefined,
      statistics: emptyStatistics(),
      seq: this.ctx.state.nextSeq(),
      firedTriggers: new Set(),
      actions: [],
      nodeStates: new Map(),
    };
    this.ctx.state.runsOf(workflowName).set(run.runId, run);
    return run;
  }

  private fire(run: WorkflowRunRecord, trigger: TriggerRecord): void {
    run.firedTriggers.add(trigger.name);
    for (const action of trigger.actions) this.startAction(run, action, trigger.name);
  }

  /** Starts the action's job run or crawl in `run`; false when its job or crawler no longer exists. */
  private startAction(run: WorkflowRunRecord, action: ActionRecord, triggerName: string | undefined): boolean {
    const { state } = this.ctx;
    const link: RunLink = { workflowName: run.workflowName, runId: run.runId };
    if (action.JobName !== undefined) {
      const job = state.jobs.get(action.JobName);
      if (!job) return false; // deleted since the trigger was created: nothing to run
      const jobRun = this.jobs.start(job, {
        arguments: action.Arguments,
        triggerName,
        run: link,
        timeoutMinutes: action.Timeout,
        notifyDelayAfter: action.NotificationProperty?.NotifyDelayAfter,
        fromApi: false,
      });
      run.actions.push({ kind: "job", jobRun });
      run.nodeStates.set(jobKey(job.name), jobRun.state);
    } else if (action.CrawlerName !== undefined) {
      const crawler = state.crawlers.get(action.CrawlerName);
      if (!crawler) return false;
      const crawl = this.crawls.start(crawler, link, false);
      run.actions.push({ kind: "crawl", crawl });
      run.nodeStates.set(crawlerKey(crawler.name), crawl.state);
    } else {
      return false;
    }
    run.statistics.TotalActions++;
    run.statistics.RunningActions++;
    return true;
  }

  /** A run whose start launched nothing (e.g. its jobs were deleted) completes right away. */
  private scheduleCompletionCheck(run: WorkflowRunRecord): void {
    if (run.statistics.RunningActions === 0) this.ctx.scheduler.after(0, () => this.completeIfDone(run));
  }

  private completeIfDone(run: WorkflowRunRecord): void {
    if (run.statistics.RunningActions > 0 || !isActiveRun(run)) return;
    run.status = run.status === "STOPPING" ? "STOPPED" : "COMPLETED";
    run.completedOn = this.ctx.scheduler.now();
  }
}

function actionTarget(action: ActionRecord): NodeKey | undefined {
  if (action.JobName !== undefined) return jobKey(action.JobName);
  if (action.CrawlerName !== undefined) return crawlerKey(action.CrawlerName);
  return undefined;
}

const actionKey = (a: WorkflowRunRecord["actions"][number]): NodeKey =>
  a.kind === "job" ? jobKey(a.jobRun.jobName) : crawlerKey(a.crawl.crawlerName);

const targetAction = (type: string, name: string): ActionRecord =>
  type === "JOB" ? { JobName: name } : { CrawlerName: name };
