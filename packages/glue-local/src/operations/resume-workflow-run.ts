import { ResumeWorkflowRunInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const ResumeWorkflowRun = defineOperation({
  input: ResumeWorkflowRunInput,
  handle(engine, input) {
    const { run, nodeIds } = engine.runs.resume(engine.catalog.workflow(input.Name), input.RunId, input.NodeIds);
    return { RunId: run.runId, NodeIds: nodeIds };
  },
});
