/**
 * Figure 2: Glue API calls per tracked state change, and freshness (state change
 * in Glue → stored), for the event-driven tracker and for a 30-second poller
 * tracking the same runs, side by side in one glue-local (virtual time, scaled).
 *
 * A run (crawler → job → job) changes state 4 times: it starts, then each action
 * ends (the next one starts at the same instant; the last ending completes the
 * run). The change times come from Glue's own record of the run (StartedOn, each
 * action's CompletedOn); a change counts as observed at the first stored snapshot
 * that shows it (finished actions ≥ k; the last one also needs a terminal status).
 * Both sides read the same virtual clock. The poller is given every run id the
 * moment the run starts (it does not pay for discovery).
 */
import { GetWorkflowRunCommand, type GetWorkflowRunCommandOutput, GlueClient } from "@aws-sdk/client-glue";
import { Ingest } from "@glue-run-tracker/core";
import { createChainWorkflow, startRun } from "../../tests/ingest/support/workflows.ts";
import { percentile } from "../store/measure.ts";
import { startPipeline } from "./pipeline.ts";

interface Observation {
  at: number;
  finished: number;
  terminal: boolean;
}

interface Side {
  glueCalls: number;
  callsPerChange: number;
  freshnessP50Seconds: number;
  freshnessP95Seconds: number;
  /** Changes never shown by any observation (should be 0). */
  missed: number;
}

export interface FreshnessFigure {
  runs: number;
  /** Fraction of Glue calls throttled while the runs ran (GLUE_LOCAL_THROTTLE_RATE). */
  throttleRate: number;
  /** Failed records backed off per message (false: the whole visibility timeout). */
  backoff: boolean;
  stateChanges: number;
  timeScale: number;
  realSeconds: number;
  /** retried: ingest records received again after a failure; slowest: the longest lag. */
  events: Side & { glueEvents: number; retried: number; freshnessMaxSeconds: number };
  poller: Side & { intervalSeconds: number };
}

type Stats = {
  SucceededActions?: number;
  FailedActions?: number;
  TimeoutActions?: number;
  StoppedActions?: number;
  ErroredActions?: number;
};
const finishedOf = (s: Stats | undefined) =>
  (s?.SucceededActions ?? 0) +
  (s?.FailedActions ?? 0) +
  (s?.TimeoutActions ?? 0) +
  (s?.StoppedActions ?? 0) +
  (s?.ErroredActions ?? 0);
const TERMINAL = new Set(["COMPLETED", "STOPPED", "ERROR"]);

/** Deterministic jitter so every run has its own rhythm. */
function jitter(i: number, base: number): number {
  return Math.round(base * (0.7 + ((i * 7919) % 61) / 100));
}

export interface FreshnessOptions {
  runs?: number;
  timeScale?: number;
  pollSeconds?: number;
  /** Throttle this fraction of Glue calls while the runs run (setup and final reads are not throttled). */
  throttleRate?: number;
  /** Default true (see startPipeline). */
  backoff?: boolean;
}

export async function measureFreshness(options: FreshnessOptions = {}) {
  const runs = options.runs ?? 100;
  const scale = options.timeScale ?? 10;
  const pollMs = (options.pollSeconds ?? 30) * 1000;
  const throttleRate = options.throttleRate ?? 0;
  const backoff = options.backoff ?? true;
  const p = await startPipeline({ timeScale: scale, virtualClock: true, maxConcurrency: 5, backoff });
  const pollerClient = new GlueClient({
    endpoint: p.glue.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "l", secretAccessKey: "l" },
    maxAttempts: 1,
  });
  const sleepVirtual = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / scale)));
  try {
    const names = Array.from({ length: runs }, (_, i) => `fr-${String(i).padStart(3, "0")}`);
    for (const [i, name] of names.entries()) {
      await createChainWorkflow(p.glueClient, name, [
        { crawler: `${name}-crawler`, durationMs: jitter(i, 60_000) },
        { job: `${name}-transform`, durationMs: jitter(i + 1, 180_000) },
        { job: `${name}-load`, durationMs: jitter(i + 2, 120_000) },
      ]);
    }
    await Ingest.backfill(p.deps, { all: true }, {}, { concurrency: 8 });
    p.held.splice(0);
    p.gateway.resetCalls();
    p.setLive(true);
    p.glue.faults.throttleRate = throttleRate;
    const realStart = performance.now();

    // The poller: every 30 virtual seconds, GetWorkflowRun for each run it tracks that is not finished.
    const tracked: { name: string; runId: string }[] = [];
    const polled = new Map<string, Observation[]>();
    let pollerCalls = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const tick = p.glue.now().getTime();
        const due = tracked.filter(({ runId }) => !polled.get(runId)?.some((o) => o.terminal));
        await Promise.all(
          due.map(async ({ name, runId }) => {
            pollerCalls += 1;
            let Run: GetWorkflowRunCommandOutput["Run"];
            try {
              ({ Run } = await pollerClient.send(
                new GetWorkflowRunCommand({ Name: name, RunId: runId, IncludeGraph: false }),
              ));
            } catch {
              return; // throttled: this round sees nothing of the run
            }
            const seen = {
              at: p.glue.now().getTime(),
              finished: finishedOf(Run?.Statistics),
              terminal: TERMINAL.has(Run?.Status ?? ""),
            };
            polled.set(runId, [...(polled.get(runId) ?? []), seen]);
          }),
        );
        await sleepVirtual(tick + pollMs - p.glue.now().getTime());
      }
    })();

    const staggerMs = 120_000 / runs;
    const startAt = p.glue.now().getTime();
    for (const [i, name] of names.entries()) {
      await sleepVirtual(startAt + i * staggerMs - p.glue.now().getTime());
      tracked.push({ name, runId: await startRun(p.glueClient, name) });
    }
    await p.glue.idle({ timeoutMs: 30 * 60_000 });
    await p.queue.idle({ timeoutMs: 10 * 60_000 });
    await sleepVirtual(pollMs * 1.5); // the poller's last round sees the last completions
    polling = false;
    await poller;
    p.glue.faults.throttleRate = 0;
    const realSeconds = (performance.now() - realStart) / 1000;

    const eventLag: number[] = [];
    const pollLag: number[] = [];
    let eventMissed = 0;
    let pollMissed = 0;
    for (const { name, runId } of tracked) {
      const { Run } = await p.glueClient.send(
        new GetWorkflowRunCommand({ Name: name, RunId: runId, IncludeGraph: true }),
      );
      const ends = (Run?.Graph?.Nodes ?? [])
        .flatMap((node) => [
          ...(node.JobDetails?.JobRuns ?? []).map((jobRun) => jobRun.CompletedOn),
          ...(node.CrawlerDetails?.Crawls ?? []).map((crawl) => crawl.CompletedOn),
        ])
        .filter((at): at is Date => at !== undefined)
        .map((at) => at.getTime())
        .sort((a, b) => a - b);
      const changes = [Run?.StartedOn?.getTime() ?? 0, ...ends];
      const stored: Observation[] = (await p.store.getTimeline(name, runId)).map((entry) => ({
        at: Date.parse(entry.ObservedAt),
        finished: finishedOf(entry.Statistics),
        terminal: TERMINAL.has(entry.Status ?? ""),
      }));
      for (const [k, changedAt] of changes.entries()) {
        const last = k === changes.length - 1;
        const shows = (o: Observation) => o.finished >= k && (!last || o.terminal);
        const lag = (observations: Observation[]) => {
          const times = observations.filter(shows).map((o) => o.at);
          return times.length ? Math.max(0, Math.min(...times) - changedAt) / 1000 : undefined;
        };
        const e = lag(stored);
        const q = lag(polled.get(runId) ?? []);
        if (e === undefined) eventMissed += 1;
        else eventLag.push(e);
        if (q === undefined) pollMissed += 1;
        else pollLag.push(q);
      }
    }
    const stateChanges = eventLag.length + eventMissed;
    const glueCalls = p.gateway.calls().total;
    return {
      runs,
      throttleRate,
      backoff,
      stateChanges,
      timeScale: scale,
      realSeconds,
      events: {
        glueCalls,
        callsPerChange: glueCalls / stateChanges,
        freshnessP50Seconds: percentile(eventLag, 50),
        freshnessP95Seconds: percentile(eventLag, 95),
        missed: eventMissed,
        glueEvents: p.glue.events.length,
        retried: p.queue.stats().retried,
        freshnessMaxSeconds: eventLag.length ? Math.max(...eventLag) : Number.NaN,
      },
      poller: {
        glueCalls: pollerCalls,
        callsPerChange: pollerCalls / stateChanges,
        freshnessP50Seconds: percentile(pollLag, 50),
        freshnessP95Seconds: percentile(pollLag, 95),
        missed: pollMissed,
        intervalSeconds: pollMs / 1000,
      },
    } satisfies FreshnessFigure;
  } finally {
    pollerClient.destroy();
    await p.stop();
  }
}
