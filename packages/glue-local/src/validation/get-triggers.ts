import { integer, name, object, optional } from "./rules.ts";
import { nextToken } from "./shapes.ts";

/** GetTriggers pages hold at most 200 triggers. */
export const GetTriggersInput = object({
  NextToken: optional(nextToken()),
  DependentJobName: optional(name()),
  MaxResults: optional(integer(1, 200)),
});
