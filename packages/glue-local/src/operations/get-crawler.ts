import { crawlerView } from "../engine/views.ts";
import { GetCrawlerInput } from "../validation/get-crawler.ts";
import { defineOperation } from "./operation.ts";

export const GetCrawler = defineOperation({
  input: GetCrawlerInput,
  handle(engine, input, now) {
    return { Crawler: crawlerView(engine.catalog.crawler(input.Name), now) };
  },
});
