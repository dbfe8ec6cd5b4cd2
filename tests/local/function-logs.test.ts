/**
 * The local runtime's functions log to the process output (what `npm start` prints),
 * each through its own logger, at the level LOG_LEVEL picks (default WARN).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type LocalTracker, startLocalTracker } from "../../packages/local/src/runtime.ts";

interface LogLine {
  level?: string;
  service?: string;
  message?: string;
}

/** Everything written to stdout and stderr (a terminal shows both) while `act` runs, as parsed JSON log lines. */
async function outputDuring(act: () => Promise<void>): Promise<LogLine[]> {
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
    .map((line) => JSON.parse(line) as LogLine);
}

describe("local runtime: every function's logger reaches the output", () => {
  let tracker: LocalTracker | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await tracker?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    tracker = undefined;
  });

  async function start(logLevel?: string): Promise<LocalTracker> {
    dir = await mkdtemp(join(tmpdir(), "grt-logs-"));
    tracker = await startLocalTracker({
      demo: false,
      env: {},
      log: () => {},
      ports: { api: 0, glue: 0, dynamodb: 0, events: 0, glueMember: 0, sts: 0 },
      queueTimeScale: 0.01,
      reconcileIntervalMs: 0,
      alertsFile: join(dir, "alerts.jsonl"),
      logLevel,
    });
    return tracker;
  }

  it("shows ingest's own warnings (core's logger) at the default level", async () => {
    // Prepare
    const t = await start();
    const recheck = { kind: "recheck", workflowName: "nowhere", runId: "wr_forgotten", attempt: 1 };

    // Act: a re-check of a run Glue does not know
    const lines = await outputDuring(async () => {
      t.sqs.getQueue("ingest").send(JSON.stringify(recheck));
      await t.sqs.idle({ timeoutMs: 20_000 });
    });

    // Assess
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "WARN", service: "ingest", message: "Glue no longer knows the run" }),
    );
  });

  it("LOG_LEVEL=INFO shows the reconciler's report; the default hides it", async () => {
    // Prepare
    const quiet = await start();
    const hidden = await outputDuring(async () => {
      await quiet.reconcile();
    });
    await quiet.stop();
    tracker = undefined;
    const verbose = await start("info");

    // Act
    const shown = await outputDuring(async () => {
      await verbose.reconcile();
    });

    // Assess
    expect(hidden.filter((line) => line.service === "reconciler")).toEqual([]);
    expect(shown).toContainEqual(
      expect.objectContaining({ level: "INFO", service: "reconciler", message: "reconciled" }),
    );
  });

  it("refuses a LOG_LEVEL it does not know, naming the setting", async () => {
    await expect(start("loud")).rejects.toThrow(/LOG_LEVEL="loud" is not a log level/);
  });
});
