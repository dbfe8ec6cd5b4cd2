import { workflowRunView } from "../engine/views.ts";
import { page } from "../pagination.ts";
import { GetWorkflowRunsInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

/** Newest first, 100 per page unless MaxResults says otherwise. */
export const GetWorkflowRuns = defineOperation({
  input: GetWorkflowRunsInput,
  handle(engine, input, now) {
    engine.catalog.workflow(input.Name);
    const runs = [...engine.state.runsOf(input.Name).values()].sort((a, b) => b.seq - a.seq);
    const result = page(
      `runs:${input.Name}`,
      runs,
      (r) => r.seq,
      (a, b) => a < b,
      input.MaxResults ?? 100,
      input.NextToken,
    );
    return {
      Runs: result.items.map((r) => workflowRunView(engine.state, r, input.IncludeGraph ?? false, now)),
      NextToken: result.nextToken,
    };
  },
});
