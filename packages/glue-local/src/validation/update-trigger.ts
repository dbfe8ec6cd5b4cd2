import { description, name, object, optional, text } from "./rules.ts";
import { actions, eventBatchingCondition, predicate } from "./shapes.ts";

/** UpdateTrigger: the fields given in TriggerUpdate replace the trigger's (its Name is ignored, as in Glue). */
export const UpdateTriggerInput = object({
  Name: name(),
  TriggerUpdate: object({
    Name: optional(name()),
    Description: optional(description()),
    Schedule: optional(text()),
    Actions: optional(actions()),
    Predicate: optional(predicate()),
    EventBatchingCondition: optional(eventBatchingCondition()),
  }),
});
