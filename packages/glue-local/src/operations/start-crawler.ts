import { StartCrawlerInput } from "../validation/start-crawler.ts";
import { defineOperation } from "./operation.ts";

export const StartCrawler = defineOperation({
  input: StartCrawlerInput,
  handle(engine, input) {
    engine.crawls.start(engine.catalog.crawler(input.Name), undefined, true);
    return {};
  },
});
