import { CreateWorkflowInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const CreateWorkflow = defineOperation({
  input: CreateWorkflowInput,
  handle(engine, input) {
    engine.catalog.createWorkflow(input);
    return { Name: input.Name };
  },
});
