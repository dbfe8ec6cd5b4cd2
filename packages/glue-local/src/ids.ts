/** Identifiers shaped like Glue's: `wr_…` / `jr_…` (64 hex chars) and stable `wnode_…` node ids. */
import { createHash, randomBytes } from "node:crypto";

const hex64 = () => randomBytes(32).toString("hex");

export const newWorkflowRunId = (): string => `wr_${hex64()}`;
export const newJobRunId = (): string => `jr_${hex64()}`;

/** Same workflow + type + name → same id, so NodeIds stay valid across calls and runs. */
export function nodeUniqueId(workflowName: string, type: string, name: string): string {
  const digest = createHash("sha256").update(`${workflowName}\u0000${type}\u0000${name}`).digest("hex");
  return `wnode_${digest}`;
}
