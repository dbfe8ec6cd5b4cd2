import { workflowView } from "../engine/views.ts";
import { GetWorkflowInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const GetWorkflow = defineOperation({
  input: GetWorkflowInput,
  handle(engine, input, now) {
    const workflow = engine.catalog.workflow(input.Name);
    return { Workflow: workflowView(engine.state, workflow, input.IncludeGraph ?? false, now) };
  },
});
