/** Failures feed: the newest FAILED and ERROR runs across workflows. */
import type { TrackerApi } from "../api.ts";
import { ErrorAlert, Loading, useAsync, useNow } from "../components.tsx";
import { mergeFeeds } from "../run-actions.ts";
import { type Where, whereKey, whereOf, whereParams } from "../where.ts";
import { RunsTable } from "./runs.tsx";

const FEED_SIZE = 100;

/**
 * The accounts to read: the API's feed is one account at a time (docs/decisions/accounts-api.md),
 * so the page asks each account its workflows list names; none named = the API's default.
 */
async function feedAccounts(api: TrackerApi): Promise<(Where | undefined)[]> {
  const { Workflows } = await api.listWorkflows();
  const accounts = new Map<string, Where | undefined>();
  for (const workflow of Workflows) {
    const where = whereOf(workflow);
    if (where) accounts.set(whereKey(workflow), where);
  }
  return accounts.size > 0 ? [...accounts.values()] : [undefined];
}

export function FailuresView(props: { api: TrackerApi }) {
  const feed = useAsync(async () => {
    const accounts = await feedAccounts(props.api);
    const feeds = await Promise.all(
      accounts.flatMap((where) =>
        ["FAILED", "ERROR"].map((outcome) =>
          props.api.listFailures({ outcome, maxResults: String(FEED_SIZE), ...whereParams(where) }),
        ),
      ),
    );
    return mergeFeeds(FEED_SIZE, ...feeds.map((page) => page.Runs));
  }, [props.api]);
  const now = useNow(false);
  return (
    <section>
      <div class="view-head">
        <h1>Failures</h1>
        <div class="toolbar">
          <span class="muted">Newest {FEED_SIZE} FAILED and ERROR runs across workflows and accounts</span>
          <button type="button" class="button" onClick={feed.reload}>
            Refresh
          </button>
        </div>
      </div>
      {feed.error !== undefined ? <ErrorAlert error={feed.error} what="Could not load the failures" /> : null}
      {feed.data === undefined && feed.loading ? <Loading what="failures" /> : null}
      {feed.data ? (
        <RunsTable runs={feed.data} now={now} showWorkflow testId="failures-table" rowTestId="failure-row" />
      ) : null}
      {feed.data && feed.data.length === 0 ? <p class="muted">No failed run. </p> : null}
    </section>
  );
}
