import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

const TOKEN = "e2e-banner-token-7f3a";

describe("e2e: the npm start process", () => {
  it("starts, prints its addresses (never the API token), answers /workflows, and exits cleanly on SIGINT", async () => {
    // Prepare: the same entry point `npm start` runs, on random ports, without the demo
    const child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/cli.ts", "--no-demo"], {
      env: {
        ...process.env,
        PORT: "0",
        GLUE_PORT: "0",
        DYNAMODB_PORT: "0",
        EVENTS_PORT: "0",
        GLUE_MEMBER_PORT: "0",
        STS_PORT: "0",
        TRACKER_API_TOKEN: TOKEN,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    // Act
    const apiUrl = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /Tracker API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 50);
      void exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`exited early (${code}): ${output}`));
      });
    });
    const response = await fetch(`${apiUrl}/workflows`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = await response.json();
    const page = await fetch(`${apiUrl}/ui/`);
    const html = await page.text();
    child.kill("SIGINT");
    const code = await exited;

    // Assess
    expect(response.status).toBe(200);
    expect(body).toEqual({ Workflows: [] });
    expect(output).toContain("curl -s");
    // Both accounts, each with its own Glue (docs/decisions/accounts-local.md)
    expect(output).toMatch(/Glue \(emulator\) +http:\/\/127\.0\.0\.1:\d+ +home account: 123456789012, us-east-1/);
    expect(output).toMatch(/Glue, account 2 +http:\/\/127\.0\.0\.1:\d+ +analytics \(222222222222, eu-west-1\)/);
    expect(output).toContain("?account=222222222222&region=eu-west-1");
    // The dashboard comes first in the banner, built at start-up, served from the API's server.
    const addresses = [...output.matchAll(/^ {2}(\S[^\n]*?)\s{2,}(http:\/\/\S+)/gm)].map((m) => m[1]);
    expect(addresses[0]).toBe("Dashboard");
    expect(output).toMatch(new RegExp(`Dashboard +${apiUrl.replaceAll(".", "\\.")}/ui/`));
    // The token is named, never printed (terminal output ends up in CI logs and screen shares).
    expect(output).not.toContain(TOKEN);
    expect(output).toContain('-H "Authorization: Bearer $TRACKER_API_TOKEN"');
    expect(output).toMatch(/\[dashboard\] page built in memory with esbuild in \d+ ms/);
    expect(page.status).toBe(200);
    expect(html).toContain('<base href="/ui/">');
    expect(output).toContain("Stopped.");
    expect(code).toBe(0);
  });
});
