import { triggerView } from "../engine/views.ts";
import { UpdateTriggerInput } from "../validation/update-trigger.ts";
import { defineOperation } from "./operation.ts";

export const UpdateTrigger = defineOperation({
  input: UpdateTriggerInput,
  handle(engine, input) {
    const { Name: _ignored, ...update } = input.TriggerUpdate;
    return { Trigger: triggerView(engine.triggers.update(input.Name, update)) };
  },
});
