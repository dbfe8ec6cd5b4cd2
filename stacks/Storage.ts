import type { StackContext } from "sst/constructs";

// Placeholder until the run store lands (issue 2): the table definition comes from core.
export function Storage(_ctx: StackContext) {
  return {};
}
