import { StartTriggerInput } from "../validation/start-trigger.ts";
import { defineOperation } from "./operation.ts";

export const StartTrigger = defineOperation({
  input: StartTriggerInput,
  handle(engine, input) {
    engine.triggers.start(input.Name);
    return { Name: input.Name };
  },
});
