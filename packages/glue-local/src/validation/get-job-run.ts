import { boolean, name, object, optional } from "./rules.ts";

export const GetJobRunInput = object({ JobName: name(), RunId: name(), PredecessorsIncluded: optional(boolean()) });
