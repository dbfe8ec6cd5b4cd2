import { boolean, description, name, object, optional, tags, text } from "./rules.ts";
import { actions, eventBatchingCondition, predicate, triggerType } from "./shapes.ts";

/** CreateTrigger's wire rules; Glue's cross-field rules (EVENT, one start trigger…) live in the engine. */
export const CreateTriggerInput = object({
  Name: name(),
  WorkflowName: optional(name()),
  Type: triggerType(),
  Schedule: optional(text()),
  Predicate: optional(predicate()),
  Actions: actions(),
  Description: optional(description()),
  StartOnCreation: optional(boolean()),
  Tags: optional(tags()),
  EventBatchingCondition: optional(eventBatchingCondition()),
});
