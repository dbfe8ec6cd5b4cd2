/**
 * glue-local: an AWS Glue Workflows API emulator that @aws-sdk/client-glue, the AWS CLI and
 * boto3 accept unchanged (endpoint URL + dummy credentials). See README.md and docs/architecture.md#glue-local.
 */
import type { AddressInfo } from "node:net";
import { type GlueLocalOptions, resolveConfig } from "./config.ts";
import { GlueEngine } from "./engine/index.ts";
import type { GlueEvent } from "./events.ts";
import { createGlueServer, type Faults, type SignedCall } from "./server.ts";

export { GlueLocalEnv, type GlueLocalOptions } from "./config.ts";
export { GlueEngine } from "./engine/index.ts";
export { CrawlerSimTag, JobSimArg } from "./engine/simulation.ts";
export * from "./errors.ts";
export * from "./events.ts";
export type { Faults, SignedCall } from "./server.ts";

export interface GlueLocal {
  /** `http://host:port`, ready for `new GlueClient({ endpoint })`. */
  readonly endpoint: string;
  readonly port: number;
  readonly host: string;
  readonly region: string;
  readonly accountId: string;
  /** The state backend, for tests that need to look behind the API. */
  readonly engine: GlueEngine;
  /** Throttle rate and latency, changeable while running. */
  readonly faults: Faults;
  /** The access key id each call was signed with (the most recent 1,000): whose credentials reached this "account". */
  readonly signedCalls: readonly SignedCall[];
  /** Every event emitted so far (the most recent 10,000). */
  readonly events: readonly GlueEvent[];
  /** Virtual now. */
  now(): Date;
  /** Moves virtual time forward, running what falls due, then delivers the events. */
  advance(ms: number): Promise<void>;
  /** Waits (at the time scale's pace) until no workflow run, job run or crawl is in progress. */
  idle(options?: { timeoutMs?: number }): Promise<void>;
  /**
   * Jumps virtual time from task to task until nothing is in progress (no real waiting); rejects
   * when that takes more than `horizonMs` of virtual time (default 8 days).
   */
  runUntilIdle(options?: { horizonMs?: number }): Promise<void>;
  /** Resolves once every event emitted so far reached the callback / endpoint. */
  flushEvents(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts glue-local on `host:port` (127.0.0.1 and a free port by default).
 *
 * @example
 * const glue = await startGlueLocal({ timeScale: 1000, onEvent: (e) => console.log(e["detail-type"]) });
 * const client = new GlueClient({ endpoint: glue.endpoint, region: "us-east-1",
 *   credentials: { accessKeyId: "local", secretAccessKey: "local" } });
 * await client.send(new CreateWorkflowCommand({ Name: "nightly" }));
 * // … create jobs and triggers, StartWorkflowRun …
 * await glue.idle();
 * await glue.stop();
 */
export async function startGlueLocal(options: GlueLocalOptions = {}): Promise<GlueLocal> {
  const config = resolveConfig(options);
  const engine = new GlueEngine(config);
  const faults: Faults = { throttleRate: config.throttleRate, latencyMs: config.latencyMs };
  const signedCalls: SignedCall[] = [];
  const server = createGlueServer({ engine, faults, random: config.random, signedCalls });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  let stopped: Promise<void> | undefined;

  return {
    endpoint: `http://${hostForUrl}:${port}`,
    port,
    host: config.host,
    region: config.region,
    accountId: config.accountId,
    engine,
    faults,
    signedCalls,
    events: engine.events.emitted,
    now: () => new Date(engine.scheduler.now()),
    async advance(ms) {
      engine.scheduler.advance(ms);
      await engine.events.flush();
    },
    async idle({ timeoutMs = 30_000 } = {}) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`glue-local: still busy after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([engine.whenIdle(), timeout]);
      } finally {
        clearTimeout(timer);
      }
      await engine.events.flush();
    },
    async runUntilIdle({ horizonMs } = {}) {
      engine.runUntilIdle(horizonMs);
      await engine.events.flush();
    },
    flushEvents: () => engine.events.flush(),
    stop() {
      stopped ??= (async () => {
        engine.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await engine.events.flush();
      })();
      return stopped;
    },
  };
}
