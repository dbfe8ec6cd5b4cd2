/** A workflow's runs: filters in the URL, paging through the API's NextToken. */
import { useState } from "preact/hooks";
import type { TrackerApi } from "../api.ts";
import type { Run } from "../api-types.ts";
import { Duration, ErrorAlert, Link, Loading, StateBadge, Time, useAsync, useNow, usePolling } from "../components.tsx";
import { formatCost } from "../cost.ts";
import { apiQueryFromFilters, OUTCOMES, RUN_STATUSES, type RunFilters, withFilter } from "../filters.ts";
import { elapsedMs } from "../format.ts";
import { navigate } from "../navigation.ts";
import { runHref, runsHref, workflowsHref } from "../routes.ts";
import { accountLabel, type Where, whereOf } from "../where.ts";
import { type ActionResult, ActionStatus, StartRunButton } from "./actions.tsx";

const PAGE_SIZE = 50;
const POLL_MS = 5000;

export function RunsView(props: { api: TrackerApi; workflow: string; filters: RunFilters; where?: Where | undefined }) {
  const { api, workflow, filters, where } = props;
  const key = JSON.stringify([filters, where]);
  const page = useAsync(
    () => api.listRuns(workflow, apiQueryFromFilters(filters, PAGE_SIZE), where),
    [api, workflow, key],
  );
  // Tokens of the pages before this one (the API pages forward only).
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const [result, setResult] = useState<ActionResult | undefined>(undefined);
  const running = page.data?.Runs.some((r) => r.Outcome === "RUNNING") ?? false;
  const now = useNow(running);
  // Runs still RUNNING on this page: keep their status and duration current.
  usePolling(running, POLL_MS, page.reload);

  const setFilter = (name: "status" | "outcome" | "startedAfter" | "startedBefore", value: string) => {
    setPrevious([]);
    navigate(runsHref(workflow, withFilter(filters, name, value), where), { replace: false });
  };
  const nextPage = () => {
    if (!page.data?.NextToken) return;
    setPrevious([...previous, filters.page]);
    navigate(runsHref(workflow, { ...filters, page: page.data.NextToken }, where));
  };
  const previousPage = () => {
    const before = previous.at(-1);
    setPrevious(previous.slice(0, -1));
    const next = { ...filters };
    if (before) next.page = before;
    else delete next.page;
    navigate(runsHref(workflow, next, where));
  };

  return (
    <section>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <Link href={workflowsHref()}>Workflows</Link> <span aria-hidden="true">›</span> {workflow}
      </nav>
      <div class="view-head">
        <h1>Runs of {workflow}</h1>
        <AccountNote where={where} sample={page.data?.Runs[0]} />
        <div class="toolbar">
          <StartRunButton
            api={api}
            workflow={workflow}
            where={where}
            onDone={(r) => {
              setResult(r);
              page.reload();
            }}
          />
          <button type="button" class="button" onClick={page.reload}>
            Refresh
          </button>
        </div>
      </div>
      <ActionStatus result={result} />
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <ChoiceFilter
          label="Status"
          choices={RUN_STATUSES}
          value={filters.status}
          onChange={(value) => setFilter("status", value)}
        />
        <ChoiceFilter
          label="Outcome"
          choices={OUTCOMES}
          value={filters.outcome}
          onChange={(value) => setFilter("outcome", value)}
        />
        <label class="field">
          <span>Started after</span>
          <input
            type="date"
            value={filters.startedAfter?.slice(0, 10) ?? ""}
            onChange={(e) => setFilter("startedAfter", e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Started before</span>
          <input
            type="date"
            value={filters.startedBefore?.slice(0, 10) ?? ""}
            onChange={(e) => setFilter("startedBefore", e.currentTarget.value)}
          />
        </label>
        {JSON.stringify(filters) !== "{}" ? (
          <button type="button" class="button link" onClick={() => navigate(runsHref(workflow, {}, where))}>
            Clear filters
          </button>
        ) : null}
      </form>
      {page.error !== undefined ? <ErrorAlert error={page.error} what="Could not load the runs" /> : null}
      {page.data === undefined && page.loading ? <Loading what="runs" /> : null}
      {page.data ? <RunsTable runs={page.data.Runs} now={now} showWorkflow={false} testId="runs-table" /> : null}
      {page.data && page.data.Runs.length === 0 ? <p class="muted">No run matches these filters.</p> : null}
      <div class="pager">
        <button type="button" class="button" onClick={previousPage} disabled={!filters.page}>
          Previous page
        </button>
        <button type="button" class="button" onClick={nextPage} disabled={!page.data?.NextToken}>
          Next page
        </button>
      </div>
    </section>
  );
}

export function RunsTable(props: {
  runs: Run[];
  now: number;
  showWorkflow: boolean;
  testId: string;
  rowTestId?: string;
}) {
  return (
    <table class="table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.showWorkflow ? <th scope="col">Workflow</th> : null}
          <th scope="col">Run</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col">Status</th>
          <th scope="col">Outcome</th>
          <th scope="col" title="succeeded / failed / total actions">
            Actions ✓/✕/all
          </th>
          <th scope="col">Auto-resume</th>
          <th scope="col" title="Glue cost of the run's job runs and crawls">
            Cost
          </th>
          <th scope="col">Lineage</th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => {
          const s = run.Statistics;
          const closedReason = (run as { ClosedReason?: unknown }).ClosedReason;
          return (
            <tr
              key={`${run.AccountId ?? ""}/${run.Region ?? ""}/${run.Name}/${run.WorkflowRunId}`}
              data-testid={props.rowTestId ?? "run-row"}
            >
              {props.showWorkflow ? (
                <td>
                  <Link href={runsHref(run.Name, {}, whereOf(run))}>{run.Name}</Link>
                  {run.AccountId ? (
                    <div class="muted small" data-testid="run-account">
                      {accountLabel(run)}
                    </div>
                  ) : null}
                </td>
              ) : null}
              <td>
                <Link
                  href={runHref(run.Name, run.WorkflowRunId, whereOf(run))}
                  class="mono runid"
                  title={run.WorkflowRunId}
                >
                  {run.WorkflowRunId}
                </Link>
              </td>
              <td>
                <Time value={run.StartedOn} />
              </td>
              <td class="num">
                <Duration
                  ms={elapsedMs(run.StartedOn, run.CompletedOn, props.now)}
                  running={!run.CompletedOn && run.Outcome === "RUNNING"}
                />
              </td>
              <td>{run.Status ?? "—"}</td>
              <td>
                <StateBadge value={run.Outcome} />
                {typeof closedReason === "string" ? <div class="muted small">{closedReason}</div> : null}
              </td>
              <td class="num">
                {s ? `${s.SucceededActions ?? 0} / ${s.FailedActions ?? 0} / ${s.TotalActions ?? 0}` : "—"}
              </td>
              <td>{run.AutoResume?.Decision ?? (run.AutoResume ? `${run.AutoResume.Attempts} attempt(s)` : "—")}</td>
              <td class="num" title={formatCost(run.Cost).title} data-testid="run-cost">
                {formatCost(run.Cost).text}
              </td>
              <td>
                <Lineage run={run} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Lineage(props: { run: Run }) {
  const { run } = props;
  const parts = [];
  if (run.PreviousRunId) {
    parts.push(
      <span key="prev">
        resume of{" "}
        <Link href={runHref(run.Name, run.PreviousRunId, whereOf(run))} class="mono runid" title={run.PreviousRunId}>
          {run.PreviousRunId}
        </Link>
      </span>,
    );
  }
  for (const id of run.ResumedAs ?? []) {
    parts.push(
      <span key={id}>
        resumed as{" "}
        <Link href={runHref(run.Name, id, whereOf(run))} class="mono runid" title={id}>
          {id}
        </Link>
      </span>,
    );
  }
  return parts.length ? <div class="lineage-cell">{parts}</div> : <span class="muted">—</span>;
}

/** A labelled select of one filter; "Any" clears it. */
function ChoiceFilter(props: {
  label: string;
  choices: readonly string[];
  value: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <select value={props.value ?? ""} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">Any</option>
        {props.choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Names the account and region a workflow's page is about (alias from the API when it has one). */
export function AccountNote(props: {
  where?: Where | undefined;
  sample?: { AccountId?: string; Region?: string; AccountAlias?: string } | undefined;
}) {
  const label = props.sample
    ? accountLabel(props.sample)
    : accountLabel({ AccountId: props.where?.account, Region: props.where?.region });
  if (!label) return null;
  return (
    <p class="muted account-note" data-testid="account-note">
      Account: {label}
    </p>
  );
}
