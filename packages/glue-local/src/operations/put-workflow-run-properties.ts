import { PutWorkflowRunPropertiesInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

/** Merges: the given keys are set (overwriting), the others stay. */
export const PutWorkflowRunProperties = defineOperation({
  input: PutWorkflowRunPropertiesInput,
  handle(engine, input) {
    engine.catalog.workflow(input.Name);
    const run = engine.runs.getRun(input.Name, input.RunId);
    Object.assign(run.properties, input.RunProperties);
    return {};
  },
});
