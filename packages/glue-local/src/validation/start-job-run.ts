import { int32, name, object, optional, stringMap } from "./rules.ts";
import { notificationProperty, timeoutMinutes } from "./shapes.ts";

/** StartJobRun; capacity fields not listed (WorkerType…) round-trip onto the job run. */
export const StartJobRunInput = object(
  {
    JobName: name(),
    JobRunId: optional(name()),
    Arguments: optional(stringMap()),
    Timeout: optional(timeoutMinutes()),
    NotificationProperty: optional(notificationProperty()),
    NumberOfWorkers: optional(int32()),
  },
  { loose: true },
);
