/**
 * glue-local's settings: the options of `startGlueLocal`, the environment variables that
 * give their defaults (names defined here once), and the resolved configuration.
 */
import type { GlueEvent } from "./events.ts";

/** Environment variables glue-local reads (docs/architecture.md#simulation-controls names the fault ones). */
export const GlueLocalEnv = {
  /** Fraction (0–1) of calls answered with ThrottlingException. */
  ThrottleRate: "GLUE_LOCAL_THROTTLE_RATE",
  /** Extra latency added to every call, in real milliseconds. */
  LatencyMs: "GLUE_LOCAL_LATENCY_MS",
  /** Terminal runs (and job runs) older than this many seconds are forgotten. */
  RetentionSeconds: "GLUE_LOCAL_RETENTION_SECONDS",
  /** Virtual seconds per real second (e.g. 60 runs a 1-minute job in 1 s). */
  TimeScale: "GLUE_LOCAL_TIME_SCALE",
} as const;

export interface GlueLocalOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; 127.0.0.1 unless you really mean otherwise. */
  host?: string;
  /** Virtual time speed-up (default 1, env GLUE_LOCAL_TIME_SCALE). */
  timeScale?: number;
  /** Fraction of calls throttled (default 0, env GLUE_LOCAL_THROTTLE_RATE). */
  throttleRate?: number;
  /** Latency added to each call in real ms (default 0, env GLUE_LOCAL_LATENCY_MS). */
  latencyMs?: number;
  /** Forget terminal runs older than this (default: never, env GLUE_LOCAL_RETENTION_SECONDS). */
  retentionSeconds?: number;
  /** Called with every Glue event, in order. */
  onEvent?: (event: GlueEvent) => void;
  /** EventBridge endpoint (AWS JSON 1.1 `AWSEvents.PutEvents`) that receives every event. */
  eventsEndpoint?: string;
  /** Bus name put in PutEvents entries (default: the default bus). */
  eventBusName?: string;
  region?: string;
  accountId?: string;
  /** Derive run ids from this seed (same seed, same workflow or job name, same n-th run → same id); default random. */
  runIdSeed?: string;
  /** Random source for throttling (tests pass a deterministic one). */
  random?: () => number;
  /** Where defaults come from (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface GlueLocalConfig {
  port: number;
  host: string;
  timeScale: number;
  throttleRate: number;
  latencyMs: number;
  retentionSeconds: number | undefined;
  region: string;
  accountId: string;
  runIdSeed: string | undefined;
  eventsEndpoint: string | undefined;
  eventBusName: string | undefined;
  onEvent: ((event: GlueEvent) => void) | undefined;
  random: () => number;
}

/** Reads a number from the environment, naming the variable when it is not one. */
function envNumber(env: GlueLocalOptions["env"], name: string): number | undefined {
  const raw = env?.[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number (got ${JSON.stringify(raw)})`);
  return value;
}

function check(name: string, value: number, ok: boolean, rule: string): number {
  if (!Number.isFinite(value) || !ok) throw new Error(`${name} must be ${rule} (got ${value})`);
  return value;
}

/** Options → configuration, with env defaults; throws on nonsense values. */
export function resolveConfig(options: GlueLocalOptions = {}): GlueLocalConfig {
  const env = options.env ?? process.env;
  const timeScale = options.timeScale ?? envNumber(env, GlueLocalEnv.TimeScale) ?? 1;
  const throttleRate = options.throttleRate ?? envNumber(env, GlueLocalEnv.ThrottleRate) ?? 0;
  const latencyMs = options.latencyMs ?? envNumber(env, GlueLocalEnv.LatencyMs) ?? 0;
  const retentionSeconds = options.retentionSeconds ?? envNumber(env, GlueLocalEnv.RetentionSeconds);
  const port = options.port ?? 0;
  return {
    port: check("port", port, Number.isInteger(port) && port >= 0 && port <= 65_535, "an integer 0–65535"),
    host: options.host ?? "127.0.0.1",
    timeScale: check("timeScale", timeScale, timeScale > 0, "greater than 0"),
    throttleRate: check("throttleRate", throttleRate, throttleRate >= 0 && throttleRate <= 1, "between 0 and 1"),
    latencyMs: check("latencyMs", latencyMs, latencyMs >= 0, "0 or more"),
    retentionSeconds:
      retentionSeconds === undefined
        ? undefined
        : check("retentionSeconds", retentionSeconds, retentionSeconds > 0, "greater than 0"),
    region: options.region ?? "us-east-1",
    accountId: options.accountId ?? "123456789012",
    runIdSeed: options.runIdSeed,
    eventsEndpoint: options.eventsEndpoint,
    eventBusName: options.eventBusName,
    onEvent: options.onEvent,
    random: options.random ?? Math.random,
  };
}
