/**
 * Crawls: one at a time per crawler, driven by the crawler's `sim:*` tags, with the Glue
 * Crawler State Change events (Started, Succeeded, Failed; a cancelled crawl sends none).
 */
import { GlueDetailType } from "@glue-run-tracker/glue-model";
import { CrawlerRunningError } from "../errors.ts";
import { type CrawlerFailedDetail, type CrawlerSucceededDetail, crawlerLogLink, eventTime } from "../events.ts";
import type { EngineContext } from "./context.ts";
import { type CrawlOutcome, planCrawl, STOP_DELAY_MS } from "./simulation.ts";
import { type CrawlerRecord, type CrawlRecord, crawlerKey, type RunLink } from "./state.ts";

export const isActiveCrawl = (crawl: CrawlRecord): boolean => crawl.state === "RUNNING" || crawl.state === "CANCELLING";

export const crawlerAlreadyRunning = (name: string) => `Crawler with name ${name} has already started`;

export class CrawlRunner {
  constructor(private readonly ctx: EngineContext) {}

  /** Starts a crawl; StartCrawler raises CrawlerRunning, a trigger's crawl ends FAILED instead. */
  start(crawler: CrawlerRecord, run: RunLink | undefined, fromApi: boolean): CrawlRecord {
    const { scheduler, events } = this.ctx;
    const now = scheduler.now();
    const busy = crawler.current !== undefined;
    if (busy && fromApi) throw new CrawlerRunningError(crawlerAlreadyRunning(crawler.name));
    const crawl: CrawlRecord = {
      crawlerName: crawler.name,
      state: "RUNNING",
      startedOn: now,
      completedOn: undefined,
      errorMessage: undefined,
      run,
      timers: [],
    };
    if (busy) {
      crawl.timers.push(
        scheduler.after(0, () => this.finish(crawler, crawl, "FAILED", crawlerAlreadyRunning(crawler.name))),
      );
      return crawl;
    }
    crawler.current = crawl;
    let outcome: CrawlOutcome;
    let durationMs: number;
    let errorMessage: string | undefined;
    try {
      ({ outcome, durationMs, errorMessage } = planCrawl(crawler.tags, ++crawler.startedCrawls));
    } catch (error) {
      [outcome, durationMs, errorMessage] = ["FAILED", 0, (error as Error).message];
    }
    events.emit(
      GlueDetailType.CrawlerStateChange,
      {
        accountId: this.ctx.accountId,
        crawlerName: crawler.name,
        startTime: eventTime(now),
        state: "Started",
        message: "Crawler Started",
      },
      now,
    );
    const message = outcome === "FAILED" ? (errorMessage ?? "Simulated crawler failure") : errorMessage;
    crawl.timers.push(scheduler.after(durationMs, () => this.finish(crawler, crawl, outcome, message)));
    return crawl;
  }

  /** RUNNING → CANCELLING → CANCELLED (the crawler goes STOPPING → READY). */
  stop(crawler: CrawlerRecord, crawl: CrawlRecord): boolean {
    if (crawl.state !== "RUNNING") return crawl.state === "CANCELLING";
    for (const timer of crawl.timers) this.ctx.scheduler.cancel(timer);
    crawl.state = "CANCELLING";
    crawl.timers = [this.ctx.scheduler.after(STOP_DELAY_MS, () => this.finish(crawler, crawl, "CANCELLED", undefined))];
    return true;
  }

  private finish(crawler: CrawlerRecord, crawl: CrawlRecord, outcome: CrawlOutcome, errorMessage: string | undefined) {
    if (!isActiveCrawl(crawl)) return;
    const { scheduler, events, region, accountId } = this.ctx;
    for (const timer of crawl.timers) scheduler.cancel(timer);
    crawl.timers = [];
    const now = scheduler.now();
    crawl.state = outcome;
    crawl.completedOn = now;
    crawl.errorMessage = errorMessage;
    if (crawler.current === crawl) {
      crawler.current = undefined;
      crawler.last = crawl;
    }
    const cloudWatchLogLink = crawlerLogLink(region, crawler.name);
    if (outcome === "SUCCEEDED") {
      const detail: CrawlerSucceededDetail = {
        tablesCreated: "0",
        warningMessage: "N/A",
        partitionsUpdated: "0",
        tablesUpdated: "0",
        message: "Crawler Succeeded",
        partitionsDeleted: "0",
        accountId,
        "runningTime (sec)": String(Math.round((now - crawl.startedOn) / 1000)),
        tablesDeleted: "0",
        crawlerName: crawler.name,
        completionDate: eventTime(now),
        state: "Succeeded",
        partitionsCreated: "0",
        cloudWatchLogLink,
      };
      events.emit(GlueDetailType.CrawlerStateChange, detail, now);
    } else if (outcome === "FAILED") {
      const detail: CrawlerFailedDetail = {
        crawlerName: crawler.name,
        errorMessage: errorMessage ?? "Crawler failed",
        accountId,
        cloudWatchLogLink,
        state: "Failed",
        message: "Crawler Failed",
      };
      events.emit(GlueDetailType.CrawlerStateChange, detail, now);
    }
    if (crawl.run) this.ctx.actionFinished(crawl.run, crawlerKey(crawler.name), outcome);
  }
}
