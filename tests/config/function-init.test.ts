/**
 * Each Lambda entry module checks its configuration when it loads (Lambda's init):
 * a bad value fails the load with the schema's one line, not the first event.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  vi.resetModules();
});

const entries = [
  ["ingest", "../../packages/functions/src/ingest/handler.ts"],
  ["reconciler", "../../packages/functions/src/reconciler/handler.ts"],
  ["alerts", "../../packages/functions/src/alerts/handler.ts"],
  ["resume", "../../packages/functions/src/resume/handler.ts"],
  ["resume worker", "../../packages/functions/src/resume/worker.ts"],
  ["read API", "../../packages/functions/src/api/read.ts"],
  ["commands API", "../../packages/functions/src/api/commands.ts"],
  ["digest", "../../packages/functions/src/digest/handler.ts"],
] as const;

describe("function init", () => {
  it.each(entries)("%s: RUN_RETENTION_DAYS=-5 fails the module load in one line", async (_name, path) => {
    // Prepare
    vi.resetModules();
    process.env.RUN_RETENTION_DAYS = "-5";

    // Act + Assess
    await expect(import(path)).rejects.toThrow(
      'Invalid RUN_RETENTION_DAYS: expected a whole number of days ≥ 0 (0 = keep forever), got "-5"',
    );
  });

  it("on Lambda, a missing required name fails the load too", async () => {
    // Prepare
    vi.resetModules();
    process.env.AWS_LAMBDA_FUNCTION_NAME = "tracker-ingest";

    // Act + Assess
    await expect(import("../../packages/functions/src/ingest/handler.ts")).rejects.toThrow(
      /^Missing configuration TRACKER_TABLE_NAME: expected a DynamoDB table name/,
    );
  });

  it("the alerts module loads with a bad resume setting (alerts must still go out)", async () => {
    // Prepare
    vi.resetModules();
    process.env.AUTO_RESUME_MAX_ATTEMPTS = "three";

    // Act + Assess
    await expect(import("../../packages/functions/src/alerts/handler.ts")).resolves.toHaveProperty("handler");
    vi.resetModules();
    await expect(import("../../packages/functions/src/resume/handler.ts")).rejects.toThrow(/AUTO_RESUME_MAX_ATTEMPTS/);
  });
});
