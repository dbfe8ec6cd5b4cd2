/**
 * `npm start`'s two accounts (docs/decisions/accounts-local.md): each glue-local's Glue events
 * reach the tracker's bus with the account and region of that instance, same-named workflows
 * get the same run ids in both, and the functions are configured for both accounts.
 */
import { GetWorkflowRunsCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { ConfigName, checkConfig, Events } from "@glue-run-tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import type { BusEvent } from "../../packages/local/src/bus/index.ts";
import { TRACKER_BUS } from "../../packages/local/src/runtime.ts";
import { type E2eTracker, oneJobWorkflow, startE2eTracker } from "../e2e/support.ts";

let t: E2eTracker | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe("npm start: two accounts", () => {
  it("puts each glue-local's events on the tracker's bus with its own account and region; same name, same run id", async () => {
    // Prepare
    t = await startE2eTracker({ AUTO_RESUME_ENABLED: "false" });
    const seen: BusEvent[] = [];
    // Glue's own events arrive on the default bus; forwarded ones on the tracker bus, as on AWS
    for (const bus of ["default", TRACKER_BUS]) {
      t.tracker.bridge.bus(bus).putRule({
        name: "test-spy",
        pattern: Events.glueStateChangePattern,
        target: (event) => void seen.push(event),
      });
    }
    const wf = oneJobWorkflow("nightly-load", { "--sim-duration-ms": "200" });
    await t.defineWorkflow(wf);
    await t.defineWorkflow(wf, t.memberGlue);

    // Act
    const home = await t.glue.send(new StartWorkflowRunCommand({ Name: wf.name }));
    const member = await t.memberGlue.send(new StartWorkflowRunCommand({ Name: wf.name }));
    await Promise.all([t.tracker.glue.idle(), ...t.tracker.members.map((m) => m.glue.idle())]);
    await Promise.all(t.tracker.members.map((m) => m.bridge.idle())); // forwarded on to the tracker's bus
    await t.tracker.bridge.idle();

    // Assess: the envelope says where each event comes from
    const where = seen.map((e) => `${e.account} ${e.region} ${(e.detail as { jobName: string }).jobName}`);
    // (each event once: a forwarded event is not also on the default bus)
    expect(where.sort()).toEqual([
      "123456789012 us-east-1 nightly-load-job",
      "222222222222 eu-west-1 nightly-load-job",
    ]);
    expect(member.RunId).toBe(home.RunId);
    const memberRuns = await t.memberGlue.send(new GetWorkflowRunsCommand({ Name: wf.name }));
    expect(memberRuns.Runs?.map((r) => r.WorkflowRunId)).toEqual([home.RunId]);
  });

  it("configures the functions for the home account and the tracked member, with its Glue endpoint", async () => {
    // Act
    t = await startE2eTracker();
    const { env, members } = t.tracker;

    // Assess
    expect(env[ConfigName.TrackerHomeAccount]).toBe("123456789012");
    expect(env.AWS_REGION).toBe("us-east-1");
    expect(JSON.parse(env[ConfigName.TrackerMemberAccounts] ?? "null")).toEqual([
      { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics", GlueEndpoint: members[0]?.glue.endpoint },
    ]);
    expect(() => checkConfig(env)).not.toThrow();
    expect(members.map((m) => [m.glue.accountId, m.glue.region])).toEqual([["222222222222", "eu-west-1"]]);
  });

  it("leaves an untracked account's glue-local out of the functions' configuration", async () => {
    // Act
    t = await startE2eTracker({}, { members: [{ accountId: "333333333333", region: "eu-central-1", tracked: false }] });

    // Assess
    expect(t.tracker.env[ConfigName.TrackerMemberAccounts]).toBeUndefined();
    expect(t.tracker.members.map((m) => m.glue.accountId)).toEqual(["333333333333"]);
  });
});
