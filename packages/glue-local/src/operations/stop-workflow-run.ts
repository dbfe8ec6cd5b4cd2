import { StopWorkflowRunInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const StopWorkflowRun = defineOperation({
  input: StopWorkflowRunInput,
  handle(engine, input) {
    engine.catalog.workflow(input.Name);
    engine.runs.stop(input.Name, input.RunId);
    return {};
  },
});
