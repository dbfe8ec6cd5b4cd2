import { name, object } from "./rules.ts";

export const StartTriggerInput = object({ Name: name() });
