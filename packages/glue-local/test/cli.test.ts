/** The standalone server: `glue-local --port 0` as a child process, driven by the SDK, stopped by SIGINT. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CreateWorkflowCommand, ListWorkflowsCommand } from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { glueClient } from "./support/glue.ts";

const BIN = fileURLToPath(new URL("../bin/glue-local.mjs", import.meta.url));

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GLUE_LOCAL_THROTTLE_RATE: "" },
  });
}

function firstMatch(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) resolve(match);
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", onData);
    child.once("close", (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${seen}`)));
  });
}

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("glue-local CLI", () => {
  it("serves on the given port, prints its endpoint, and stops cleanly on SIGINT", async () => {
    // Prepare
    const child = run(["--port", "0", "--time-scale", "100"]);
    const exited = exitCode(child);
    try {
      const [, endpoint] = await firstMatch(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const client = glueClient(endpoint as string);
      // Act
      await client.send(new CreateWorkflowCommand({ Name: "from-cli" }));
      const { Workflows } = await client.send(new ListWorkflowsCommand({}));
      client.destroy();
      child.kill("SIGINT");
      // Assess
      expect(Workflows).toEqual(["from-cli"]);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses a bad flag value by name and exits 1", async () => {
    // Prepare
    const bad = run(["--port", "0", "--throttle-rate", "lots"]);
    const exited = exitCode(bad);
    // Act
    const message = await firstMatch(bad, /throttle-rate must be a number/);
    // Assess
    expect(message).toBeTruthy();
    expect(await exited).toBe(1);
  });
});
