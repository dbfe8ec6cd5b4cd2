/**
 * Functionality: run ids — random by default; with `runIdSeed`, two emulators give the
 * same-named workflow (and job) the same run ids, as two AWS accounts may: the local
 * runtime's second account relies on it (docs/decisions/accounts-local.md).
 */
import { GetJobRunsCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { afterEach, describe, expect, it } from "vitest";
import { createOneJobWorkflow, startTestGlue, type TestGlue } from "./support/glue.ts";

const started: TestGlue[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.stop()));
});

async function twoRunsOf(workflow: string, seed?: string) {
  const t = await startTestGlue(seed === undefined ? {} : { runIdSeed: seed });
  started.push(t);
  await createOneJobWorkflow(t.client, workflow, { "--sim-duration-ms": "1000" });
  await createOneJobWorkflow(t.client, `${workflow}-other`, { "--sim-duration-ms": "1000" });
  const first = (await t.client.send(new StartWorkflowRunCommand({ Name: workflow }))).RunId;
  await t.glue.runUntilIdle();
  const second = (await t.client.send(new StartWorkflowRunCommand({ Name: workflow }))).RunId;
  const other = (await t.client.send(new StartWorkflowRunCommand({ Name: `${workflow}-other` }))).RunId;
  await t.glue.runUntilIdle();
  const jobRuns = await t.client.send(new GetJobRunsCommand({ JobName: `${workflow}-job` }));
  return { first, second, other, jobRunIds: (jobRuns.JobRuns ?? []).map((r) => r.Id).sort() };
}

describe("run ids", () => {
  it("with one seed, two emulators give the same workflow's n-th run (and its job runs) the same id", async () => {
    // Act
    const home = await twoRunsOf("nightly", "seed-1");
    const member = await twoRunsOf("nightly", "seed-1");

    // Assess
    expect(member).toEqual(home);
    expect(home.first).toMatch(/^wr_[0-9a-f]{64}$/);
    expect(new Set([home.first, home.second, home.other]).size).toBe(3);
    expect(home.jobRunIds).toHaveLength(2);
    expect(home.jobRunIds[0]).toMatch(/^jr_[0-9a-f]{64}$/);
  });

  it("differ between seeds, and are random without one", async () => {
    // Act
    const seeded = await twoRunsOf("nightly", "seed-1");
    const otherSeed = await twoRunsOf("nightly", "seed-2");
    const random = await twoRunsOf("nightly");
    const random2 = await twoRunsOf("nightly");

    // Assess
    expect(otherSeed.first).not.toBe(seeded.first);
    expect(random.first).not.toBe(random2.first);
    expect(random.first).toMatch(/^wr_[0-9a-f]{64}$/);
  });
});
