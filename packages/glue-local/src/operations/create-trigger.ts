import { CreateTriggerInput } from "../validation/create-trigger.ts";
import { defineOperation } from "./operation.ts";

export const CreateTrigger = defineOperation({
  input: CreateTriggerInput,
  handle(engine, input) {
    return { Name: engine.triggers.create(input).name };
  },
});
