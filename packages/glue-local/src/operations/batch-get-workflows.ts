import { workflowView } from "../engine/views.ts";
import { BatchGetWorkflowsInput } from "../validation/workflows.ts";
import { defineOperation } from "./operation.ts";

export const BatchGetWorkflows = defineOperation({
  input: BatchGetWorkflowsInput,
  handle(engine, input, now) {
    const names = [...new Set(input.Names)];
    const found = names.flatMap((n) => {
      const workflow = engine.state.workflows.get(n);
      return workflow ? [workflowView(engine.state, workflow, input.IncludeGraph ?? false, now)] : [];
    });
    return { Workflows: found, MissingWorkflows: names.filter((n) => !engine.state.workflows.has(n)) };
  },
});
