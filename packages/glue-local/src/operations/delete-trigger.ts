import { DeleteTriggerInput } from "../validation/delete-trigger.ts";
import { defineOperation } from "./operation.ts";

export const DeleteTrigger = defineOperation({
  input: DeleteTriggerInput,
  handle(engine, input) {
    engine.triggers.delete(input.Name);
    return { Name: input.Name };
  },
});
