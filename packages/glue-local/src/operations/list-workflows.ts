import { page } from "../pagination.ts";
import { ListWorkflowsInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

/** Names in alphabetical order, 25 per page at most. */
export const ListWorkflows = defineOperation({
  input: ListWorkflowsInput,
  handle(engine, input) {
    const names = [...engine.state.workflows.keys()].sort();
    const result = page(
      "workflows",
      names,
      (n) => n,
      (a, b) => a > b,
      input.MaxResults ?? 25,
      input.NextToken,
    );
    return { Workflows: result.items, NextToken: result.nextToken };
  },
});
