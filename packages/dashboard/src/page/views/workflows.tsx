/** Home: every tracked workflow with its last outcome, recent runs, run count and failure rate. */
import { useMemo, useState } from "preact/hooks";
import type { TrackerApi } from "../api.ts";
import type { Run, Workflow } from "../api-types.ts";
import { ErrorAlert, Link, Loading, StateBadge, Time, useAsync } from "../components.tsx";
import { formatDuration, formatPercent } from "../format.ts";
import { toneOf } from "../outcome.ts";
import { runHref, runsHref } from "../routes.ts";
import { accountLabel, type Where, whereKey, whereOf } from "../where.ts";
import {
  matchesSearch,
  type SortDirection,
  type SortKey,
  STATS_WINDOW_DAYS,
  STRIP_LENGTH,
  sortRows,
  type WorkflowStats,
  workflowStats,
} from "../workflow-stats.ts";

interface Row {
  workflow: Workflow;
  name: string;
  /** Where the workflow lives: two accounts may hold workflows of the same name. */
  where: Where | undefined;
  /** "analytics (222222222222, eu-west-1)", or "" when the API does not say. */
  account: string;
  accountKey: string;
  lastStarted: string | undefined;
  outcome: string | undefined;
  runCount: number | undefined;
  failureRate: number | undefined;
  p95: number | undefined;
  stats: WorkflowStats | undefined;
  statsError: unknown;
}

async function loadRows(api: TrackerApi): Promise<Row[]> {
  const workflows: Workflow[] = [];
  let token: string | undefined;
  do {
    const page = await api.listWorkflows(token);
    workflows.push(...page.Workflows);
    token = page.NextToken;
  } while (token && workflows.length < 5000);
  return mapLimited(workflows, 4, async (workflow): Promise<Row> => {
    const where = whereOf(workflow);
    const base = {
      workflow,
      name: workflow.Name,
      where,
      account: accountLabel(workflow),
      accountKey: whereKey(workflow),
      lastStarted: workflow.LastRun?.StartedOn,
      outcome: workflow.LastRun?.Outcome,
    };
    try {
      const [page, figures] = await Promise.all([
        api.listRuns(workflow.Name, { maxResults: String(STRIP_LENGTH) }, where),
        api.getStats(workflow.Name, where),
      ]);
      const stats = workflowStats(page.Runs, figures);
      const { runCount, failureRate, p95 } = stats;
      return { ...base, runCount, failureRate, p95, stats, statsError: undefined };
    } catch (statsError) {
      return { ...base, runCount: undefined, failureRate: undefined, p95: undefined, stats: undefined, statsError };
    }
  });
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Workflow" },
  { key: "outcome", label: "Last outcome" },
  { key: "lastStarted", label: "Last run started" },
];

export function WorkflowsView(props: { api: TrackerApi }) {
  const rows = useAsync(() => loadRows(props.api), [props.api]);
  const [search, setSearch] = useState("");
  const [account, setAccount] = useState("");
  const accounts = useMemo(() => accountChoices(rows.data ?? []), [rows.data]);
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: "name", direction: "ascending" });
  const shown = useMemo(
    () =>
      sortRows(
        (rows.data ?? []).filter(
          (row) => matchesSearch(row.name, search) && (account === "" || row.accountKey === account),
        ),
        sort.key,
        sort.direction,
      ),
    [rows.data, search, account, sort],
  );
  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    const flip = () =>
      setSort({ key, direction: active && sort.direction === "ascending" ? "descending" : "ascending" });
    return (
      <th scope="col" aria-sort={active ? sort.direction : "none"}>
        <button type="button" class="sort" onClick={flip}>
          {label}
          <span aria-hidden="true">{active ? (sort.direction === "ascending" ? " ▲" : " ▼") : " ↕"}</span>
        </button>
      </th>
    );
  };

  return (
    <section>
      <div class="view-head">
        <h1>Workflows</h1>
        <div class="toolbar">
          <label class="field">
            <span>Search workflows</span>
            <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
          </label>
          {accounts.length > 1 ? (
            <label class="field">
              <span>Account</span>
              <select value={account} onChange={(e) => setAccount(e.currentTarget.value)}>
                <option value="">All accounts</option>
                {accounts.map((choice) => (
                  <option key={choice.key} value={choice.key}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="button" class="button" onClick={rows.reload}>
            Refresh
          </button>
        </div>
      </div>
      {rows.error !== undefined ? <ErrorAlert error={rows.error} what="Could not load the workflows" /> : null}
      {rows.data === undefined && rows.loading ? <Loading what="workflows" /> : null}
      {rows.data ? (
        <table class="table" data-testid="workflows-table">
          <caption class="visually-hidden">
            Tracked workflows; ended runs, failure rate and durations over the last {STATS_WINDOW_DAYS} days
          </caption>
          <thead>
            <tr>
              {header("name", "Workflow")}
              {accounts.length > 0 ? <th scope="col">Account</th> : null}
              {COLUMNS.slice(1).map((c) => header(c.key, c.label))}
              <th scope="col">Recent runs (newest first)</th>
              {header("runCount", `Runs (${STATS_WINDOW_DAYS} d)`)}
              {header("failureRate", `Failure rate (${STATS_WINDOW_DAYS} d)`)}
              {header("p95", `Duration p50 / p95 (${STATS_WINDOW_DAYS} d)`)}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={`${row.accountKey}/${row.name}`} data-testid="workflow-row">
                <td>
                  <Link href={runsHref(row.name, {}, row.where)} class="strong">
                    {row.name}
                  </Link>
                  {row.workflow.DeletedFromGlueAt ? <span class="tag">deleted from Glue</span> : null}
                  {row.workflow.Description ? <div class="muted small">{row.workflow.Description}</div> : null}
                </td>
                {accounts.length > 0 ? <td data-testid="workflow-account">{row.account || "—"}</td> : null}
                <td>
                  {row.workflow.LastRun ? (
                    <Link href={runHref(row.name, row.workflow.LastRun.WorkflowRunId, row.where)}>
                      <StateBadge value={row.outcome} />
                    </Link>
                  ) : (
                    <span class="muted">no runs</span>
                  )}
                </td>
                <td>
                  <Time value={row.lastStarted} />
                </td>
                <td>
                  {row.stats ? <RunStrip workflow={row.name} where={row.where} runs={row.stats.recent} /> : null}
                  {row.statsError !== undefined ? <ErrorAlert error={row.statsError} what="Runs" /> : null}
                </td>
                <td class="num">{row.runCount === undefined ? "—" : row.runCount}</td>
                <td class="num">{formatPercent(row.failureRate)}</td>
                <td class="num" data-testid="workflow-durations">
                  {seconds(row.stats?.p50)} / {seconds(row.stats?.p95)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows.data && shown.length === 0 ? (
        <p class="muted">{rows.data.length === 0 ? "No workflows tracked yet." : "No workflow matches the search."}</p>
      ) : null}
    </section>
  );
}

const seconds = (value: number | undefined) => (value === undefined ? "—" : formatDuration(value * 1000));

/** The accounts of the listed workflows, for the filter; none when the API names no account. */
function accountChoices(rows: readonly Row[]): { key: string; label: string }[] {
  const choices = new Map<string, string>();
  for (const row of rows) if (row.account) choices.set(row.accountKey, row.account);
  return [...choices].map(([key, label]) => ({ key, label })).sort((a, b) => a.label.localeCompare(b.label));
}

function RunStrip(props: { workflow: string; where: Where | undefined; runs: Run[] }) {
  if (props.runs.length === 0) return <span class="muted">no runs</span>;
  return (
    <ul class="strip" data-testid="run-strip">
      {props.runs.map((run) => (
        <li key={run.WorkflowRunId}>
          <Link
            href={runHref(props.workflow, run.WorkflowRunId, props.where)}
            class={`strip-cell tone-${toneOf(run.Outcome)}`}
            aria-label={`Run ${run.WorkflowRunId}: ${run.Outcome}`}
            title={`${run.WorkflowRunId}: ${run.Outcome}`}
          >
            <span aria-hidden="true">{STRIP_GLYPH[toneOf(run.Outcome)]}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

const STRIP_GLYPH: Record<string, string> = {
  ok: "✓",
  fail: "✕",
  running: "▶",
  stopped: "■",
  waiting: "○",
  unknown: "?",
};

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
