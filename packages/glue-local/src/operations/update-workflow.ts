import { UpdateWorkflowInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const UpdateWorkflow = defineOperation({
  input: UpdateWorkflowInput,
  handle(engine, input) {
    engine.catalog.updateWorkflow(input);
    return { Name: input.Name };
  },
});
