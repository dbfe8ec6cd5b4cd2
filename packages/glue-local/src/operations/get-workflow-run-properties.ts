import { GetWorkflowRunPropertiesInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const GetWorkflowRunProperties = defineOperation({
  input: GetWorkflowRunPropertiesInput,
  handle(engine, input) {
    engine.catalog.workflow(input.Name);
    return { RunProperties: { ...engine.runs.getRun(input.Name, input.RunId).properties } };
  },
});
