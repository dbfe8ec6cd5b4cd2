import { name, object } from "./rules.ts";

export const GetCrawlerInput = object({ Name: name() });
