import { description, integer, name, object, optional, stringMap, tags, text } from "./rules.ts";
import { notificationProperty, timeoutMinutes } from "./shapes.ts";

/** CreateJob without Name and Tags: also the shape of UpdateJob's JobUpdate. */
export const jobDefinitionShape = () => ({
  Role: text(),
  Command: object({}, { loose: true }),
  Description: optional(description()),
  DefaultArguments: optional(stringMap()),
  NonOverridableArguments: optional(stringMap()),
  ExecutionProperty: optional(object({ MaxConcurrentRuns: optional(integer(1, 1000)) })),
  MaxRetries: optional(integer(0, 10)),
  Timeout: optional(timeoutMinutes()),
  NotificationProperty: optional(notificationProperty()),
  NumberOfWorkers: optional(integer(1, 299_999)),
});

/** CreateJob: Role and Command are required; fields not listed round-trip unchecked. */
export const CreateJobInput = object(
  { Name: name(), Tags: optional(tags()), ...jobDefinitionShape() },
  { loose: true },
);
