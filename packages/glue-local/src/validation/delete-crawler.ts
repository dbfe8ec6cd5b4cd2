import { name, object } from "./rules.ts";

export const DeleteCrawlerInput = object({ Name: name() });
