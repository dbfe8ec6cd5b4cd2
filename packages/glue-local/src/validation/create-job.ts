import { description, int32, name, object, optional, stringMap, tags, text } from "./rules.ts";
import { notificationProperty, timeoutMinutes } from "./shapes.ts";

/** CreateJob without Name and Tags: also the shape of UpdateJob's JobUpdate. */
export const jobDefinitionShape = () => ({
  Role: text(),
  Command: object({}, { loose: true }),
  Description: optional(description()),
  DefaultArguments: optional(stringMap()),
  NonOverridableArguments: optional(stringMap()),
  ExecutionProperty: optional(object({ MaxConcurrentRuns: optional(int32()) })),
  MaxRetries: optional(int32()),
  Timeout: optional(timeoutMinutes()),
  NotificationProperty: optional(notificationProperty()),
  NumberOfWorkers: optional(int32()),
});

/** CreateJob: Role and Command are required; fields not listed round-trip unchecked. */
export const CreateJobInput = object(
  { Name: name(), Tags: optional(tags()), ...jobDefinitionShape() },
  { loose: true },
);
