/** Converting Glue's Date-typed structures into the ISO-string shape the tracker stores and serves. */
import type { WorkflowRun } from "@glue-run-tracker/glue-model";
import type { Jsonified, RunSnapshot } from "./types.ts";

/**
 * Deep copy with every `Date` turned into an ISO-8601 UTC string and `undefined`
 * fields dropped (DynamoDB and JSON both refuse or lose them).
 *
 * @example
 * jsonify({ StartedOn: new Date(0), ErrorMessage: undefined }); // { StartedOn: "1970-01-01T00:00:00.000Z" }
 */
export function jsonify<T>(value: T): Jsonified<T> {
  return convert(value) as Jsonified<T>;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) out[key] = convert(field);
    }
    return out;
  }
  return value;
}

/**
 * A Glue WorkflowRun (as the SDK returns it) as a snapshot: dates → ISO strings,
 * deep, including the graph's JobRuns and Crawls.
 *
 * @example
 * const { Run } = await glue.send(new GetWorkflowRunCommand({ Name, RunId, IncludeGraph: true }));
 * const snapshot = toRunSnapshot(Run!);
 */
export function toRunSnapshot(run: WorkflowRun): RunSnapshot {
  return jsonify(run);
}
