import { DeleteCrawlerInput } from "../validation/delete-crawler.ts";
import { defineOperation } from "./operation.ts";

export const DeleteCrawler = defineOperation({
  input: DeleteCrawlerInput,
  handle(engine, input) {
    engine.catalog.deleteCrawler(input.Name);
    return {};
  },
});
