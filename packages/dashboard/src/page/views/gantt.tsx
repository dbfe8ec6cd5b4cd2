/** The run's job runs and crawls on one time axis (gantt.ts computes the rows). */

import { StateBadge } from "../components.tsx";
import { formatDuration, formatInstant } from "../format.ts";
import type { GanttChart } from "../gantt.ts";
import { barPosition } from "../gantt.ts";

export function Gantt(props: { chart: GanttChart }) {
  const { chart } = props;
  if (chart.rows.length === 0) return <p class="muted">No job run or crawl has started yet.</p>;
  const from = formatInstant(new Date(chart.start).toISOString());
  const to = formatInstant(new Date(chart.end).toISOString());
  return (
    <table class="table gantt" data-testid="gantt">
      <thead>
        <tr>
          <th scope="col">Job / crawler</th>
          <th scope="col">Attempt</th>
          <th scope="col" class="gantt-axis">
            <span title={`${from.utc} (UTC)`}>{from.text}</span>
            <span class="muted"> → {formatDuration(chart.end - chart.start)} → </span>
            <span title={`${to.utc} (UTC)`}>{to.text}</span>
          </th>
          <th scope="col">State</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {chart.rows.map((row) => {
          const pos = barPosition(row, chart);
          const started = formatInstant(row.startedOn);
          const ended = row.completedOn ? formatInstant(row.completedOn).utc : "still running";
          return (
            <tr key={row.key}>
              <th scope="row" class="gantt-name">
                {row.nodeName}
                <span class="muted small"> {row.nodeType === "JOB" ? "job" : "crawler"}</span>
              </th>
              <td class="num">{row.attempt ?? "—"}</td>
              <td class="gantt-track">
                <div class="gantt-lane">
                  <div
                    data-testid="gantt-bar"
                    data-node-name={row.nodeName}
                    data-state={row.state}
                    class={`gantt-bar tone-${row.tone}${row.open ? " open" : ""}`}
                    style={{ left: `${pos.left}%`, width: `${pos.width}%` }}
                    title={`${row.nodeName}: ${row.state}, ${started.utc} → ${ended}`}
                  />
                </div>
              </td>
              <td>
                <StateBadge value={row.state} />
              </td>
              <td class="num">{formatDuration(row.end - row.start)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
