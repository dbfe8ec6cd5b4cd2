/** Failures feed: the newest FAILED and ERROR runs across workflows. */
import type { TrackerApi } from "../api.ts";
import { ErrorAlert, Loading, useAsync, useNow } from "../components.tsx";
import { mergeFeeds } from "../run-actions.ts";
import { RunsTable } from "./runs.tsx";

const FEED_SIZE = 100;

export function FailuresView(props: { api: TrackerApi }) {
  const feed = useAsync(async () => {
    const [failed, errored] = await Promise.all(
      ["FAILED", "ERROR"].map((outcome) => props.api.listFailures({ outcome, maxResults: String(FEED_SIZE) })),
    );
    return mergeFeeds(FEED_SIZE, failed?.Runs ?? [], errored?.Runs ?? []);
  }, [props.api]);
  const now = useNow(false);
  return (
    <section>
      <div class="view-head">
        <h1>Failures</h1>
        <div class="toolbar">
          <span class="muted">Newest {FEED_SIZE} FAILED and ERROR runs across workflows</span>
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
