import type { StackContext } from "sst/constructs";

// Placeholder: filled in by its issue.
export function Api(_ctx: StackContext) {
  return {};
}
