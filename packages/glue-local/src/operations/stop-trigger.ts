import { StopTriggerInput } from "../validation/stop-trigger.ts";
import { defineOperation } from "./operation.ts";

export const StopTrigger = defineOperation({
  input: StopTriggerInput,
  handle(engine, input) {
    engine.triggers.stop(input.Name);
    return { Name: input.Name };
  },
});
