import type { StackContext } from "sst/constructs";

// Placeholder: filled in by its issue.
export function Alerts(_ctx: StackContext) {
  return {};
}
