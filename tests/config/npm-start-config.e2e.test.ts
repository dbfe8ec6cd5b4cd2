import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs the `npm start` entry point (as the npm script does) and collects what it printed. */
function runCli(env: Record<string, string>, args: string[] = ["--no-demo"]) {
  const child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/cli.ts", ...args], {
    env: {
      ...process.env,
      PORT: "0",
      GLUE_PORT: "0",
      DYNAMODB_PORT: "0",
      EVENTS_PORT: "0",
      GLUE_MEMBER_PORT: "0",
      STS_PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe("e2e: npm start refuses a bad setting before it starts anything", () => {
  it.each([
    ["PORT", "abc", 'Invalid PORT: expected a port number (0–65535; 0 picks a free one), got "abc"'],
    [
      "AUTO_RESUME_ENABLED",
      "maybe",
      'Invalid AUTO_RESUME_ENABLED: expected true or false (1/0, yes/no, on/off), got "maybe"',
    ],
  ])("%s=%s: one line naming it, no stack trace, exit code 1", async (name, value, line) => {
    // Act
    const { code, stdout, stderr } = await runCli({ [name]: value });

    // Assess
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(line);
    expect(stdout).not.toContain("Glue Run Tracker is running");
  });

  it("--print-config prints every setting in effect, secrets hidden, and exits 0", async () => {
    // Act
    const { code, stdout } = await runCli({ TRACKER_API_TOKEN: "e2e-token-9f2c", AUTO_RESUME_MAX_ATTEMPTS: "3" }, [
      "--print-config",
    ]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/^AUTO_RESUME_MAX_ATTEMPTS\s+"3"$/m);
    expect(stdout).toMatch(/^TRACKER_API_TOKEN\s+\(set, hidden\)$/m);
    expect(stdout).toMatch(/^GLUE_LOCAL_TIME_SCALE\s+unset$/m);
    expect(stdout).not.toContain("e2e-token-9f2c");
  });
});
