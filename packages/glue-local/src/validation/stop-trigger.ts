import { name, object } from "./rules.ts";

export const StopTriggerInput = object({ Name: name() });
