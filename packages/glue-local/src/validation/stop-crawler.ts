import { name, object } from "./rules.ts";

export const StopCrawlerInput = object({ Name: name() });
