import { triggerView } from "../engine/views.ts";
import { page } from "../pagination.ts";
import { GetTriggersInput } from "../validation/get-triggers.ts";
import { defineOperation } from "./operation.ts";

/**
 * Triggers by name. With DependentJobName, the triggers that can start that job — and, as
 * Glue documents it, every trigger when there is no such trigger.
 */
export const GetTriggers = defineOperation({
  input: GetTriggersInput,
  handle(engine, input) {
    const all = [...engine.state.triggers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const job = input.DependentJobName;
    const dependent = job === undefined ? all : all.filter((t) => t.actions.some((a) => a.JobName === job));
    const triggers = dependent.length > 0 ? dependent : all;
    const list = `triggers:${job ?? ""}`;
    const result = page(
      list,
      triggers,
      (t) => t.name,
      (a, b) => a > b,
      input.MaxResults ?? 100,
      input.NextToken,
    );
    return { Triggers: result.items.map(triggerView), NextToken: result.nextToken };
  },
});
