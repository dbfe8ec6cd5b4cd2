import { name, object } from "./rules.ts";

export const DeleteTriggerInput = object({ Name: name() });
