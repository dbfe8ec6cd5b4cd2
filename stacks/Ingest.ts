import type { StackContext } from "sst/constructs";

// Placeholder: filled in by its issue.
export function Ingest(_ctx: StackContext) {
  return {};
}
