import { CrawlerNotRunningError, CrawlerStoppingError } from "../errors.ts";
import { StopCrawlerInput } from "../validation/stop-crawler.ts";
import { defineOperation } from "./operation.ts";

export const StopCrawler = defineOperation({
  input: StopCrawlerInput,
  handle(engine, input) {
    const crawler = engine.catalog.crawler(input.Name);
    const crawl = crawler.current;
    if (!crawl) throw new CrawlerNotRunningError(`Crawler with name ${input.Name} is not running`);
    if (crawl.state === "CANCELLING")
      throw new CrawlerStoppingError(`Crawler with name ${input.Name} is already stopping`);
    engine.crawls.stop(crawler, crawl);
    return {};
  },
});
