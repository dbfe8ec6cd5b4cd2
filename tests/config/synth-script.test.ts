import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm run synth with a bad deploy-time setting", () => {
  it.each([
    [
      "OPS_ALERT_EMAILS",
      "oncall",
      'Invalid OPS_ALERT_EMAILS: expected e-mail addresses separated by commas, got "oncall"',
    ],
    ["AUTO_RESUME_MAX_ATTEMPTS", "-1", 'Invalid AUTO_RESUME_MAX_ATTEMPTS: expected a whole number ≥ 0, got "-1"'],
    [
      "TRACKER_MEMBER_ACCOUNTS",
      '[{"AccountId":"2222","Region":"eu-west-1"}]',
      'Invalid TRACKER_MEMBER_ACCOUNTS: 0.AccountId: expected 12 digits, got "[{\\"AccountId\\":\\"2222\\",\\"Region\\":\\"eu-west-1\\"}]"',
    ],
    ["TRACKER_DEPLOY", "members", 'Invalid TRACKER_DEPLOY: expected "central" or "member", got "members"'],
  ])("%s=%s stops before anything is written, in one line", (name, value, line) => {
    // Act: the script `npm run synth` runs, into a folder that must stay absent
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/synth.ts", "--stage", "synthcheck", "--out", ".synth/never-written"],
      { encoding: "utf8", timeout: 120_000, env: { ...process.env, [name]: value } },
    );

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(line);
    expect(run.stdout).not.toContain(".template.json");
  });
});
