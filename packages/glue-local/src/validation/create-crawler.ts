import { description, name, object, optional, tags, text } from "./rules.ts";

/** CreateCrawler: Role and Targets are required; `sim:*` tags drive the simulated crawls. */
export const CreateCrawlerInput = object(
  {
    Name: name(),
    Role: text(),
    Targets: object({}, { loose: true }),
    DatabaseName: optional(text()),
    Description: optional(description()),
    Schedule: optional(text()),
    Tags: optional(tags()),
  },
  { loose: true },
);
