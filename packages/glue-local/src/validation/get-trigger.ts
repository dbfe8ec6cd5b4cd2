import { name, object } from "./rules.ts";

export const GetTriggerInput = object({ Name: name() });
