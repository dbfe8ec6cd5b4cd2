import { DeleteWorkflowInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const DeleteWorkflow = defineOperation({
  input: DeleteWorkflowInput,
  handle(engine, input) {
    engine.catalog.deleteWorkflow(input.Name);
    return { Name: input.Name };
  },
});
