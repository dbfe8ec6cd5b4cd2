import { StartWorkflowRunInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const StartWorkflowRun = defineOperation({
  input: StartWorkflowRunInput,
  handle(engine, input) {
    const run = engine.runs.start(engine.catalog.workflow(input.Name), input.RunProperties, true);
    return { RunId: run.runId };
  },
});
