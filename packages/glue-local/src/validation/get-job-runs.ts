import { integer, name, object, optional } from "./rules.ts";
import { nextToken } from "./shapes.ts";

/** GetJobRuns pages hold at most 200 runs. */
export const GetJobRunsInput = object({
  JobName: name(),
  NextToken: optional(nextToken()),
  MaxResults: optional(integer(1, 200)),
});
