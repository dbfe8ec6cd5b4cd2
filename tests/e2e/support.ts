/**
 * End-to-end harness: the whole local runtime in-process on random loopback ports,
 * driven only through HTTP (the tracker API) and the Glue endpoint, like a user.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GlueClient } from "@aws-sdk/client-glue";
import type { LocalMemberAccount } from "../../packages/local/src/accounts.ts";
import { createDemoWorkflow } from "../../packages/local/src/demo/create.ts";
import type { DemoWorkflow } from "../../packages/local/src/demo/workflows.ts";
import { type LocalTracker, startLocalTracker } from "../../packages/local/src/runtime.ts";
import { readAlertRecords } from "../../packages/local/src/sinks/index.ts";

// Handlers log JSON for CloudWatch; the e2e output only needs their warnings.
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test, asserted field by field
type Json = any;

export interface E2eTracker {
  tracker: LocalTracker;
  /** The home account's Glue (glue-local, 123456789012 in us-east-1). */
  glue: GlueClient;
  /** The second account's Glue (its own glue-local, 222222222222 in eu-west-1 unless `members` says otherwise). */
  memberGlue: GlueClient;
  logs: string[];
  /** fetch against the tracker API; `token` adds the bearer header. */
  api(path: string, init?: RequestInit & { token?: string }): Promise<{ status: number; body: Json }>;
  alerts(): Promise<{ channel: string; payload: Json }[]>;
  /** Creates the workflow in the home account's Glue, or in `glue` (e.g. memberGlue). */
  defineWorkflow(wf: DemoWorkflow, glue?: GlueClient): Promise<void>;
  stop(): Promise<void>;
}

export interface E2eOptions {
  /** The accounts besides home (default: analytics, 222222222222 in eu-west-1). */
  members?: LocalMemberAccount[];
  /** --data-dir (default: in memory). */
  dataDir?: string;
  /** Lifetime of the local STS's credentials (default 3600 s). */
  stsCredentialSeconds?: number;
}

export async function startE2eTracker(env: Record<string, string> = {}, options: E2eOptions = {}): Promise<E2eTracker> {
  const dir = await mkdtemp(join(tmpdir(), "grt-e2e-"));
  const logs: string[] = [];
  const tracker = await startLocalTracker({
    demo: false,
    env: { AUTO_RESUME_BACKOFF_SECONDS: "2", ...env },
    log: (line) => logs.push(line),
    ports: { api: 0, glue: 0, dynamodb: 0, events: 0, glueMember: 0, sts: 0 },
    // glue-local's simulated seconds pass 20× faster; queue delays/visibility 100× faster.
    timeScale: 20,
    queueTimeScale: 0.01,
    reconcileIntervalMs: 0,
    alertsFile: join(dir, "alerts.jsonl"),
    ...(options.members ? { members: options.members } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.stsCredentialSeconds ? { stsCredentialSeconds: options.stsCredentialSeconds } : {}),
  });
  const glue = new GlueClient({
    region: "us-east-1",
    endpoint: tracker.urls.glue,
    credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" },
  });
  const member = tracker.members[0];
  const memberGlue = new GlueClient({
    region: member?.region ?? "eu-west-1",
    endpoint: member?.glue.endpoint ?? "http://127.0.0.1:9",
    credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" },
  });
  return {
    tracker,
    glue,
    memberGlue,
    logs,
    async api(path, init = {}) {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set("authorization", `Bearer ${token}`);
      if (rest.body && !headers.has("content-type")) headers.set("content-type", "application/json");
      const response = await fetch(`${tracker.urls.api}${path}`, { ...rest, headers });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async alerts() {
      return (await readAlertRecords(tracker.alertsFile)) as { channel: string; payload: Json }[];
    },
    defineWorkflow: (wf, into = glue) => createDemoWorkflow(into, wf),
    async stop() {
      glue.destroy();
      memberGlue.destroy();
      await tracker.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** A one-job workflow; `args` are the job's simulation arguments. */
export function oneJobWorkflow(name: string, args: Record<string, string>): DemoWorkflow {
  return {
    name,
    description: `e2e ${name}`,
    story: "",
    crawlers: [],
    jobs: [{ name: `${name}-job`, arguments: args }],
    triggers: [{ name: `${name}-start`, type: "ON_DEMAND", starts: [{ job: `${name}-job` }] }],
  };
}

/** A JSON log line of a function (Powertools), as printed on the process output. */
export interface FunctionLogLine {
  level?: string;
  service?: string;
  message?: string;
  [field: string]: unknown;
}

/** The functions' JSON log lines written to stdout / stderr while `act` runs (they still reach the output). */
export async function functionLogsDuring(act: () => Promise<void>): Promise<FunctionLogLine[]> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(String(chunk));
      return (writes[i] as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
  try {
    await act();
  } finally {
    streams.forEach((stream, i) => {
      stream.write = writes[i] as typeof stream.write;
    });
  }
  return chunks
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as FunctionLogLine);
}
