import { name, object } from "./rules.ts";

export const DeleteJobInput = object({ JobName: name() });
