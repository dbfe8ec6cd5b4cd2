import { name, object } from "./rules.ts";

export const StartCrawlerInput = object({ Name: name() });
