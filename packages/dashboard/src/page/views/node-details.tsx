/** What a clicked graph node holds: its job runs, crawls or trigger, all shown as text. */

import { Duration, StateBadge, Time } from "../components.tsx";
import { elapsedMs } from "../format.ts";
import type { ModelNode } from "../graph-model.ts";

export function NodeDetails(props: { node: ModelNode; now: number; onClose: () => void }) {
  const { node } = props;
  const trigger = node.node.TriggerDetails?.Trigger;
  return (
    <section class="panel" data-testid="node-details" aria-labelledby="node-details-title">
      <div class="panel-head">
        <h3 id="node-details-title">
          {node.type} {node.name} <StateBadge value={node.state} />
        </h3>
        <button type="button" class="button small" onClick={props.onClose}>
          Close details
        </button>
      </div>
      {node.type === "TRIGGER" && trigger ? (
        <dl class="facts">
          <dt>Type</dt>
          <dd>{trigger.Type ?? "—"}</dd>
          <dt>State</dt>
          <dd>{trigger.State ?? "—"}</dd>
          {trigger.Schedule ? (
            <>
              <dt>Schedule</dt>
              <dd>{trigger.Schedule}</dd>
            </>
          ) : null}
          {trigger.Predicate?.Logical ? (
            <>
              <dt>Predicate</dt>
              <dd>{trigger.Predicate.Logical}</dd>
            </>
          ) : null}
          <dt>Starts</dt>
          <dd>{(trigger.Actions ?? []).map((a) => a.JobName ?? a.CrawlerName).join(", ") || "—"}</dd>
        </dl>
      ) : null}
      {node.jobRuns.length > 0 ? (
        <table class="table compact">
          <caption>Job runs</caption>
          <thead>
            <tr>
              <th scope="col">Attempt</th>
              <th scope="col">Job run id</th>
              <th scope="col">State</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {node.jobRuns.map((run, i) => (
              <tr key={run.Id ?? i}>
                <td class="num">{run.Attempt ?? i}</td>
                <td class="mono wrap small">{run.Id ?? "—"}</td>
                <td>
                  <StateBadge value={run.JobRunState} />
                </td>
                <td>
                  <Time value={run.StartedOn} />
                </td>
                <td class="num">
                  <Duration ms={elapsedMs(run.StartedOn, run.CompletedOn, props.now)} />
                </td>
                <td class="error-text">{run.ErrorMessage ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {node.crawls.length > 0 ? (
        <table class="table compact">
          <caption>Crawls</caption>
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {node.crawls.map((crawl, i) => (
              <tr key={crawl.StartedOn ?? i}>
                <td>
                  <StateBadge value={crawl.State} />
                </td>
                <td>
                  <Time value={crawl.StartedOn} />
                </td>
                <td class="num">
                  <Duration ms={elapsedMs(crawl.StartedOn, crawl.CompletedOn, props.now)} />
                </td>
                <td class="error-text">{crawl.ErrorMessage ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {node.type !== "TRIGGER" && node.jobRuns.length === 0 && node.crawls.length === 0 ? (
        <p class="muted">Not run in this workflow run.</p>
      ) : null}
    </section>
  );
}
