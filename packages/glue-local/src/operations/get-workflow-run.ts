import { workflowRunView } from "../engine/views.ts";
import { GetWorkflowRunInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const GetWorkflowRun = defineOperation({
  input: GetWorkflowRunInput,
  handle(engine, input, now) {
    engine.catalog.workflow(input.Name);
    const run = engine.runs.getRun(input.Name, input.RunId);
    return { Run: workflowRunView(engine.state, run, input.IncludeGraph ?? false, now) };
  },
});
