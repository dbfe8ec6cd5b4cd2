import { list, name, object } from "./rules.ts";

export const BatchStopJobRunInput = object({ JobName: name(), JobRunIds: list(name(), 1, 25) });
