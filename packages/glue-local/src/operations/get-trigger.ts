import { triggerView } from "../engine/views.ts";
import { GetTriggerInput } from "../validation/get-trigger.ts";
import { defineOperation } from "./operation.ts";

export const GetTrigger = defineOperation({
  input: GetTriggerInput,
  handle(engine, input) {
    return { Trigger: triggerView(engine.triggers.trigger(input.Name)) };
  },
});
