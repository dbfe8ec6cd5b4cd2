import { name, object } from "./rules.ts";

export const GetJobInput = object({ JobName: name() });
