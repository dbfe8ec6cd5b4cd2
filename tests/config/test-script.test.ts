import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm test -- --help", () => {
  it("prints the usage and runs nothing", () => {
    // Act: the same command line `npm test -- --help` runs
    const run = spawnSync(process.execPath, ["scripts/test.mjs", "--help"], { encoding: "utf8", timeout: 20_000 });

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm test \[-- <vitest arguments>\]/);
    expect(run.stdout).not.toContain("RUN");
    expect(run.stderr).toBe("");
  });
});
