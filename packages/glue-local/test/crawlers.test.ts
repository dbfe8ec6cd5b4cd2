/**
 * Functionality: crawlers — Create / Get / Delete Crawler, StartCrawler, StopCrawler, one
 * crawl at a time, and the `sim:*` tags.
 */
import {
  CreateCrawlerCommand,
  DeleteCrawlerCommand,
  GetCrawlerCommand,
  StartCrawlerCommand,
  StopCrawlerCommand,
} from "@aws-sdk/client-glue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCrawler, glueError, startTestGlue, type TestGlue } from "./support/glue.ts";

let t: TestGlue;
beforeEach(async () => {
  t = await startTestGlue();
});
afterEach(async () => {
  await t.stop();
});

const crawler = async (name: string) => (await t.client.send(new GetCrawlerCommand({ Name: name }))).Crawler;
const HOUR = { "sim:duration-ms": "3600000" };

describe("crawler definitions", () => {
  it("creates and reads back a READY crawler, refuses duplicates, deletes", async () => {
    // Prepare
    await createCrawler(t.client, "raw", { team: "data" });
    // Act
    const created = await crawler("raw");
    const duplicate = await glueError(
      t.client.send(new CreateCrawlerCommand({ Name: "raw", Role: "r", Targets: { S3Targets: [{ Path: "s3://x" }] } })),
    );
    await t.client.send(new DeleteCrawlerCommand({ Name: "raw" }));
    const deleted = await glueError(t.client.send(new GetCrawlerCommand({ Name: "raw" })));
    const deleteAgain = await glueError(t.client.send(new DeleteCrawlerCommand({ Name: "raw" })));
    // Assess
    expect(created).toMatchObject({
      Name: "raw",
      State: "READY",
      DatabaseName: "lake",
      Targets: { S3Targets: [{ Path: "s3://raw/raw/" }] },
    });
    expect(created?.CreationTime).toBeInstanceOf(Date);
    expect(created?.LastCrawl).toBeUndefined();
    expect(duplicate.name).toBe("AlreadyExistsException");
    expect(deleted.name).toBe("EntityNotFoundException");
    expect(deleteAgain.name).toBe("EntityNotFoundException");
  });
});

describe("crawls", () => {
  it("run one at a time and leave a LastCrawl", async () => {
    // Prepare
    await createCrawler(t.client, "c", HOUR);
    // Act
    await t.client.send(new StartCrawlerCommand({ Name: "c" }));
    const running = await crawler("c");
    const second = await glueError(t.client.send(new StartCrawlerCommand({ Name: "c" })));
    const deleteRunning = await glueError(t.client.send(new DeleteCrawlerCommand({ Name: "c" })));
    await t.glue.runUntilIdle();
    const done = await crawler("c");
    // Assess
    expect(running?.State).toBe("RUNNING");
    expect(second.name).toBe("CrawlerRunningException");
    expect(deleteRunning.name).toBe("CrawlerRunningException");
    expect(done?.State).toBe("READY");
    expect(done?.LastCrawl).toMatchObject({ Status: "SUCCEEDED", LogGroup: "/aws-glue/crawlers", LogStream: "c" });
  });

  it("fail as the sim:* tags say, the first sim:fail-attempts times", async () => {
    // Prepare
    await createCrawler(t.client, "flaky", { "sim:fail-attempts": "1", "sim:error-message": "Rate exceeded" });
    // Act
    await t.client.send(new StartCrawlerCommand({ Name: "flaky" }));
    await t.glue.runUntilIdle();
    const first = (await crawler("flaky"))?.LastCrawl;
    await t.client.send(new StartCrawlerCommand({ Name: "flaky" }));
    await t.glue.runUntilIdle();
    const second = (await crawler("flaky"))?.LastCrawl;
    // Assess
    expect(first).toMatchObject({ Status: "FAILED", ErrorMessage: "Rate exceeded" });
    expect(second?.Status).toBe("SUCCEEDED");
  });

  it("stop through STOPPING to a CANCELLED crawl", async () => {
    // Prepare
    await t.stop();
    t = await startTestGlue({ timeScale: 1 }); // so that STOPPING lasts long enough to be seen
    await createCrawler(t.client, "long", HOUR);
    await t.client.send(new StartCrawlerCommand({ Name: "long" }));
    // Act
    await t.client.send(new StopCrawlerCommand({ Name: "long" }));
    const stopping = await crawler("long");
    const stopAgain = await glueError(t.client.send(new StopCrawlerCommand({ Name: "long" })));
    await t.glue.runUntilIdle();
    const stopped = await crawler("long");
    const notRunning = await glueError(t.client.send(new StopCrawlerCommand({ Name: "long" })));
    // Assess
    expect(stopping?.State).toBe("STOPPING");
    expect(stopAgain.name).toBe("CrawlerStoppingException");
    expect(stopped?.State).toBe("READY");
    expect(stopped?.LastCrawl?.Status).toBe("CANCELLED");
    expect(notRunning.name).toBe("CrawlerNotRunningException");
  });

  it("raise EntityNotFoundException for a missing crawler", async () => {
    // Act
    const start = await glueError(t.client.send(new StartCrawlerCommand({ Name: "missing" })));
    const stop = await glueError(t.client.send(new StopCrawlerCommand({ Name: "missing" })));
    // Assess
    expect(start.name).toBe("EntityNotFoundException");
    expect(stop.name).toBe("EntityNotFoundException");
  });
});
