import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Alerts } from "@glue-run-tracker/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertSinkReadError, IdleTimeoutError } from "../../src/errors.ts";
import { JsonlAlertSink, readAlertRecords, waitForAlertRecord } from "../../src/sinks/index.ts";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "alert-sink-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("JsonlAlertSink", () => {
  it("appends one JSON object per alert: time, channel, payload", async () => {
    // Prepare
    const path = join(directory, "nested", "alerts.jsonl");
    const sink = new JsonlAlertSink(path, { now: () => new Date("2026-03-01T12:00:00.000Z") });

    // Act
    await sink.write({ channel: "sns", payload: { Subject: "orders FAILED", Message: "…" } });
    await sink.write({ channel: "slack", payload: { text: "orders FAILED", blocks: [] } });

    // Assess
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { time: "2026-03-01T12:00:00.000Z", channel: "sns", payload: { Subject: "orders FAILED", Message: "…" } },
      { time: "2026-03-01T12:00:00.000Z", channel: "slack", payload: { text: "orders FAILED", blocks: [] } },
    ]);
    expect(await sink.read()).toHaveLength(2);
  });

  it("keeps every line whole when alerts are written concurrently", async () => {
    // Prepare
    const sink = new JsonlAlertSink(join(directory, "alerts.jsonl"));
    const big = "x".repeat(100_000);

    // Act
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => sink.write({ channel: "slack", payload: { index, big } })),
    );

    // Assess
    const records = await sink.read();
    expect(records.map((record) => (record.payload as { index: number }).index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, index) => index),
    );
  });

  it("is the sink core's publishers write to", async () => {
    // Prepare
    const sink = new JsonlAlertSink(join(directory, "alerts.jsonl"));
    const recorded: Alerts.AlertSink = sink;

    // Act
    await recorded.write({ channel: Alerts.AlertChannel.Sns, payload: { Subject: "s" } });

    // Assess
    expect((await sink.read()).map((record) => record.channel)).toEqual(["sns"]);
  });
});

describe("readAlertRecords / waitForAlertRecord", () => {
  it("reads nothing from a missing file", async () => {
    // Act / Assess
    expect(await readAlertRecords(join(directory, "none.jsonl"))).toEqual([]);
  });

  it("names the line that is not an alert record", async () => {
    // Prepare
    const path = join(directory, "alerts.jsonl");
    await writeFile(path, '{"time":"t","channel":"sns","payload":{}}\n{"channel":"fax"}\n');

    // Act / Assess
    await expect(readAlertRecords(path)).rejects.toThrow(AlertSinkReadError);
    await expect(readAlertRecords(path)).rejects.toThrow(/alerts\.jsonl:2/);
  });

  it("waits for a matching alert, or times out", async () => {
    // Prepare
    const path = join(directory, "alerts.jsonl");
    const sink = new JsonlAlertSink(path);
    setTimeout(() => void sink.write({ channel: "slack", payload: { text: "recovered" } }), 20);

    // Act
    const found = await waitForAlertRecord(path, (record) => record.channel === "slack");

    // Assess
    expect(found.payload).toEqual({ text: "recovered" });
    await expect(waitForAlertRecord(path, (record) => record.channel === "sns", { timeoutMs: 30 })).rejects.toThrow(
      IdleTimeoutError,
    );
  });
});
