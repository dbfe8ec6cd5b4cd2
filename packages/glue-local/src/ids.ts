/** Identifiers shaped like Glue's: `wr_…` / `jr_…` (64 hex chars) and stable `wnode_…` node ids. */
import { createHash, randomBytes } from "node:crypto";

const hex64 = () => randomBytes(32).toString("hex");

export const newWorkflowRunId = (): string => `wr_${hex64()}`;
export const newJobRunId = (): string => `jr_${hex64()}`;

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
