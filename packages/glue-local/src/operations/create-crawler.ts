import { CreateCrawlerInput } from "../validation/create-crawler.ts";
import { defineOperation } from "./operation.ts";

export const CreateCrawler = defineOperation({
  input: CreateCrawlerInput,
  handle(engine, input) {
    engine.catalog.createCrawler(input);
    return {};
  },
});
