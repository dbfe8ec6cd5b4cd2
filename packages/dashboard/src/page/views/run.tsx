/**
 * One run: summary, failed nodes, graph, Gantt, snapshot timeline, lineage and actions.
 * While the run is RUNNING the view polls the API and stops when it ends.
 */

import { useMemo, useState } from "preact/hooks";
import type { TrackerApi } from "../api.ts";
import type { Run, RunProperties, TimelineEntry } from "../api-types.ts";
import { Duration, ErrorAlert, Link, Loading, StateBadge, Time, useAsync, useNow, usePolling } from "../components.tsx";
import { formatCost } from "../cost.ts";
import { elapsedMs } from "../format.ts";
import { ganttChart } from "../gantt.ts";
import { graphModel } from "../graph-model.ts";
import { runHref, runsHref, workflowsHref } from "../routes.ts";
import { isLive, runActions } from "../run-actions.ts";
import { type Where, whereOf } from "../where.ts";
import { type ActionResult, ActionStatus, ResumeRunButton, StartRunButton, StopRunButton } from "./actions.tsx";
import { Gantt } from "./gantt.tsx";
import { NodeDetails } from "./node-details.tsx";
import { RunGraph } from "./run-graph.tsx";
import { AccountNote } from "./runs.tsx";

export const POLL_MS = 3000;

export function RunView(props: { api: TrackerApi; workflow: string; runId: string; where?: Where | undefined }) {
  const { api, workflow, runId, where } = props;
  const data = useAsync(async () => {
    const [run, timeline] = await Promise.all([
      api.getRun(workflow, runId, where),
      api.getTimeline(workflow, runId, where),
    ]);
    return { run, timeline };
  }, [api, workflow, runId, where?.account, where?.region]);
  const run = data.data?.run;
  const live = run !== undefined && isLive(run);
  const actions = run ? runActions(run) : { stop: false, resume: false };
  usePolling(live, POLL_MS, data.reload);
  const now = useNow(live);
  const [result, setResult] = useState<ActionResult | undefined>(undefined);
  const onDone = (r: ActionResult) => {
    setResult(r);
    data.reload();
  };

  return (
    <section>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <Link href={workflowsHref()}>Workflows</Link> <span aria-hidden="true">›</span>{" "}
        <Link href={runsHref(workflow, {}, where)}>{workflow}</Link> <span aria-hidden="true">›</span> {runId}
      </nav>
      <div class="view-head">
        <h1>
          Run <span class="mono wrap">{runId}</span>
        </h1>
        <AccountNote where={where} sample={run} />
        <div class="toolbar">
          {live ? (
            <span class="live">
              <span class="live-dot" aria-hidden="true" /> Live: updating every {POLL_MS / 1000} s
            </span>
          ) : null}
          {run && actions.stop ? <StopRunButton api={api} run={run} onDone={onDone} /> : null}
          {run && actions.resume ? <ResumeRunButton api={api} run={run} onDone={onDone} /> : null}
          <StartRunButton api={api} workflow={workflow} where={where} onDone={setResult} />
        </div>
      </div>
      <ActionStatus result={result} />
      {data.error !== undefined ? <ErrorAlert error={data.error} what="Could not load the run" /> : null}
      {data.data === undefined && data.loading ? <Loading what="the run" /> : null}
      {run && data.data ? <RunBody api={api} run={run} timeline={data.data.timeline} now={now} /> : null}
    </section>
  );
}

function RunBody(props: { api: TrackerApi; run: Run; timeline: TimelineEntry[]; now: number }) {
  const { run, now } = props;
  const model = useMemo(() => graphModel(run.Graph), [run.Graph]);
  const chart = useMemo(() => ganttChart(run.Graph, now), [run.Graph, now]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const selectedNode = model.nodes.find((n) => n.id === selected);
  const s = run.Statistics;
  const closedReason = (run as { ClosedReason?: unknown }).ClosedReason;

  return (
    <>
      <dl class="summary">
        <div>
          <dt>Outcome</dt>
          <dd>
            <StateBadge value={run.Outcome} />
          </dd>
        </div>
        <div>
          <dt>Glue status</dt>
          <dd>{run.Status ?? "—"}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <Time value={run.StartedOn} />
          </dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>
            <Time value={run.CompletedOn} />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            <Duration ms={elapsedMs(run.StartedOn, run.CompletedOn, now)} running={!run.CompletedOn} />
          </dd>
        </div>
        <div>
          <dt>Actions</dt>
          <dd>
            {s
              ? `${s.SucceededActions ?? 0} succeeded, ${s.FailedActions ?? 0} failed, ${s.RunningActions ?? 0} running, ${s.TotalActions ?? 0} total`
              : "—"}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd title={formatCost(run.Cost).title} data-testid="run-cost">
            {formatCost(run.Cost).text}
          </dd>
        </div>
        <div>
          <dt>Last observed</dt>
          <dd>
            <Time value={run.LastObservedAt} /> <span class="muted">via {run.ObservedVia}</span>
          </dd>
        </div>
        <div class={run.AutoResume?.Reason ? "wide" : undefined}>
          <dt>Auto-resume</dt>
          <dd>
            {run.AutoResume
              ? `${run.AutoResume.Decision ?? "pending"} (${run.AutoResume.Attempts} attempt${run.AutoResume.Attempts === 1 ? "" : "s"})${run.AutoResume.Reason ? `: ${run.AutoResume.Reason}` : ""}`
              : "—"}
          </dd>
        </div>
      </dl>
      {run.ErrorMessage ? (
        <p class="error-text">
          <strong>Run error: </strong>
          {run.ErrorMessage}
        </p>
      ) : null}
      {typeof closedReason === "string" ? (
        <p class="notice">
          <strong>Closed by the tracker: </strong>
          {closedReason}
        </p>
      ) : null}

      <LineageChain run={run} />
      {run.FailedNodes.length > 0 ? <FailedNodes run={run} /> : null}

      <h2>Graph</h2>
      <RunGraph model={model} selected={selected} onSelect={(id) => setSelected(id === selected ? undefined : id)} />
      {selectedNode ? <NodeDetails node={selectedNode} now={now} onClose={() => setSelected(undefined)} /> : null}

      <h2>Timeline of job runs and crawls</h2>
      <Gantt chart={chart} />

      <h2>What the tracker observed</h2>
      <SnapshotTimeline timeline={props.timeline} />

      <h2>Run properties</h2>
      <Properties api={props.api} run={run} />
    </>
  );
}

function FailedNodes(props: { run: Run }) {
  return (
    <section class="failed" data-testid="failed-nodes" aria-labelledby="failed-title">
      <h2 id="failed-title">
        {props.run.FailedNodes.length} failed node{props.run.FailedNodes.length === 1 ? "" : "s"}
      </h2>
      <ul>
        {props.run.FailedNodes.map((node) => (
          <li key={node.NodeId}>
            <div>
              <strong>{node.Name}</strong> <span class="muted">{node.Type.toLowerCase()}</span>{" "}
              <StateBadge value={node.State} />
            </div>
            <pre class="error-message">{node.ErrorMessage ?? "(no error message)"}</pre>
          </li>
        ))}
      </ul>
    </section>
  );
}

function LineageChain(props: { run: Run }) {
  const { run } = props;
  return (
    <nav class="lineage" data-testid="lineage" aria-label="Lineage">
      <span class="muted">Lineage:</span>
      {run.PreviousRunId ? (
        <>
          <span>resume of</span>
          <Link href={runHref(run.Name, run.PreviousRunId, whereOf(run))} class="mono runid" title={run.PreviousRunId}>
            {run.PreviousRunId}
          </Link>
          <span aria-hidden="true">←</span>
        </>
      ) : (
        <span class="muted">first run</span>
      )}
      <strong class="mono" aria-current="page">
        {run.WorkflowRunId}
      </strong>
      {(run.ResumedAs ?? []).length > 0 ? (
        <>
          <span aria-hidden="true">→</span>
          <span>resumed as</span>
          {(run.ResumedAs ?? []).map((id) => (
            <Link key={id} href={runHref(run.Name, id, whereOf(run))} class="mono runid" title={id}>
              {id}
            </Link>
          ))}
        </>
      ) : (
        <span class="muted">not resumed</span>
      )}
    </nav>
  );
}

function SnapshotTimeline(props: { timeline: TimelineEntry[] }) {
  if (props.timeline.length === 0) return <p class="muted">No snapshot recorded.</p>;
  return (
    <table class="table compact" data-testid="snapshot-timeline">
      <thead>
        <tr>
          <th scope="col">Observed</th>
          <th scope="col">How</th>
          <th scope="col">Glue status</th>
          <th scope="col">Outcome</th>
          <th scope="col">Actions ✓/✕/running/all</th>
        </tr>
      </thead>
      <tbody>
        {props.timeline.map((entry, i) => (
          <tr key={`${entry.ObservedAt}-${i}`}>
            <td>
              <Time value={entry.ObservedAt} />
            </td>
            <td>{entry.ObservedVia}</td>
            <td>{entry.Status ?? "—"}</td>
            <td>
              <StateBadge value={entry.Outcome} />
            </td>
            <td class="num">
              {entry.Statistics
                ? `${entry.Statistics.SucceededActions ?? 0} / ${entry.Statistics.FailedActions ?? 0} / ${entry.Statistics.RunningActions ?? 0} / ${entry.Statistics.TotalActions ?? 0}`
                : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Properties may hold secrets: fetched only when asked, never kept in the run's data. */
function Properties(props: { api: TrackerApi; run: Run }) {
  const [state, setState] = useState<{ loading: boolean; data?: RunProperties; error?: unknown }>({ loading: false });
  const show = async () => {
    setState({ loading: true });
    try {
      setState({
        loading: false,
        data: await props.api.getProperties(props.run.Name, props.run.WorkflowRunId, whereOf(props.run)),
      });
    } catch (error) {
      setState({ loading: false, error });
    }
  };
  if (state.data) {
    const entries = Object.entries(state.data);
    return (
      <div>
        <button type="button" class="button small" onClick={() => setState({ loading: false })}>
          Hide run properties
        </button>
        {entries.length === 0 ? (
          <p class="muted">No run properties.</p>
        ) : (
          <table class="table compact" data-testid="run-properties">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(([name, value]) => (
                <tr key={name}>
                  <td class="mono">{name}</td>
                  <td class="mono wrap">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    );
  }
  return (
    <div>
      <button type="button" class="button small" onClick={show} disabled={state.loading}>
        {state.loading ? "Loading run properties…" : "Show run properties"}
      </button>
      {state.error !== undefined ? <ErrorAlert error={state.error} what="Could not load the run properties" /> : null}
    </div>
  );
}
