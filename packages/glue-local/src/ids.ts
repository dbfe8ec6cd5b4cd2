/** Identifiers shaped like Glue's: `wr_…` / `jr_…` (64 hex chars) and stable `wnode_…` node ids. */
import { createHash, randomBytes } from "node:crypto";

const hex64 = () => randomBytes(32).toString("hex");

export const newWorkflowRunId = (): string => `wr_${hex64()}`;
export const newJobRunId = (): string => `jr_${hex64()}`;

/** Where an engine's run ids come from. */
export interface RunIdSource {
  workflowRun(workflowName: string): string;
  jobRun(jobName: string): string;
}

/**
 * Random ids, or with a seed the n-th run of a workflow (job) gets the id hashed from
 * (seed, name, n): two emulators with one seed give same-named workflows the same run
 * ids, as two AWS accounts may (the local runtime's two accounts, docs/decisions/accounts-local.md).
 *
 * @example
 * runIdSource("demo").workflowRun("nightly") === runIdSource("demo").workflowRun("nightly"); // true
 */
export function runIdSource(seed?: string): RunIdSource {
  if (seed === undefined) return { workflowRun: newWorkflowRunId, jobRun: newJobRunId };
  const counts = new Map<string, number>();
  const seeded = (kind: string, name: string) => {
    const key = `${kind}\u0000${name}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return createHash("sha256").update(`${seed}\u0000${key}\u0000${n}`).digest("hex");
  };
  return {
    workflowRun: (workflowName) => `wr_${seeded("workflow", workflowName)}`,
    jobRun: (jobName) => `jr_${seeded("job", jobName)}`,
  };
}

const nodeIds = new Map<string, string>();

/** Same workflow + type + name → same id, so NodeIds stay valid across calls and runs. */
export function nodeUniqueId(workflowName: string, type: string, name: string): string {
  const key = `${workflowName}\u0000${type}\u0000${name}`;
  let id = nodeIds.get(key);
  if (id === undefined) {
    // Hashing is the costly part of building a graph view; ids never change, so remember them.
    if (nodeIds.size >= 100_000) nodeIds.clear();
    id = `wnode_${createHash("sha256").update(key).digest("hex")}`;
    nodeIds.set(key, id);
  }
  return id;
}
