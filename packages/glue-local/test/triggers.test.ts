/**
 * Functionality: triggers — Create / Get / Update / Delete Trigger, GetTriggers, Start / Stop
 * Trigger, activation rules, scheduled starts, and the errors Glue raises for them.
 */
import {
  CreateTriggerCommand,
  type CreateTriggerCommandInput,
  DeleteTriggerCommand,
  GetJobRunsCommand,
  GetTriggerCommand,
  GetTriggersCommand,
  GetWorkflowRunsCommand,
  StartTriggerCommand,
  StartWorkflowRunCommand,
  StopTriggerCommand,
  UpdateTriggerCommand,
} from "@aws-sdk/client-glue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createConditionalTrigger,
  createJob,
  createStartTrigger,
  createWorkflow,
  getRun,
  glueError,
  jobRunsByJob,
  LONG,
  startTestGlue,
  type TestGlue,
} from "./support/glue.ts";

let t: TestGlue;
beforeEach(async () => {
  t = await startTestGlue();
  await createWorkflow(t.client, { Name: "wf" });
  await createJob(t.client, "a");
  await createJob(t.client, "b");
});
afterEach(async () => {
  await t.stop();
});

const create = (input: Partial<CreateTriggerCommandInput>) =>
  t.client.send(new CreateTriggerCommand({ Name: "t", Type: "ON_DEMAND", Actions: [{ JobName: "a" }], ...input }));
const trigger = async (name: string) => (await t.client.send(new GetTriggerCommand({ Name: name }))).Trigger;

describe("trigger definitions", () => {
  it("creates triggers in their initial states", async () => {
    // Act
    await create({ Name: "manual", WorkflowName: "wf" });
    await create({
      Name: "cond-off",
      WorkflowName: "wf",
      Type: "CONDITIONAL",
      Predicate: { Conditions: [{ JobName: "a", State: "SUCCEEDED" }] },
    });
    await create({ Name: "sched-on", Type: "SCHEDULED", Schedule: "cron(0 12 * * ? *)", StartOnCreation: true });
    // Assess
    expect(await trigger("manual")).toMatchObject({
      Name: "manual",
      WorkflowName: "wf",
      Type: "ON_DEMAND",
      State: "CREATED",
      Actions: [{ JobName: "a" }],
    });
    expect(await trigger("cond-off")).toMatchObject({ State: "CREATED", Predicate: { Logical: "AND" } });
    expect(await trigger("sched-on")).toMatchObject({ State: "ACTIVATED", Schedule: "cron(0 12 * * ? *)" });
  });

  it.each<[string, Partial<CreateTriggerCommandInput>, string, string]>([
    ["an EVENT trigger", { Type: "EVENT" }, "InvalidInputException", "EVENT triggers are not supported"],
    ["ON_DEMAND with StartOnCreation", { StartOnCreation: true }, "InvalidInputException", "StartOnCreation"],
    ["CONDITIONAL without a predicate", { Type: "CONDITIONAL" }, "InvalidInputException", "at least one condition"],
    ["SCHEDULED without a schedule", { Type: "SCHEDULED" }, "InvalidInputException", "cron()"],
    [
      "SCHEDULED with a bad schedule",
      { Type: "SCHEDULED", Schedule: "every day" },
      "InvalidInputException",
      "Schedule",
    ],
    [
      "a predicate on ON_DEMAND",
      { Predicate: { Conditions: [{ JobName: "a", State: "SUCCEEDED" }] } },
      "InvalidInputException",
      "Predicate",
    ],
    ["an action on a missing job", { Actions: [{ JobName: "nope" }] }, "EntityNotFoundException", "nope"],
    [
      "a condition on a missing crawler",
      { Type: "CONDITIONAL", Predicate: { Conditions: [{ CrawlerName: "nope", CrawlState: "SUCCEEDED" }] } },
      "EntityNotFoundException",
      "nope",
    ],
    ["a missing workflow", { WorkflowName: "nope" }, "EntityNotFoundException", "nope"],
  ])("refuses %s", async (_case, input, name, message) => {
    // Act
    const error = await glueError(create(input));
    // Assess
    expect(error.name).toBe(name);
    expect(error.message).toContain(message);
  });

  it("allows one start trigger per workflow, and refuses duplicate names", async () => {
    // Prepare
    await create({ Name: "first", WorkflowName: "wf" });
    // Act
    const second = await glueError(
      create({ Name: "second", WorkflowName: "wf", Type: "SCHEDULED", Schedule: "cron(0 1 * * ? *)" }),
    );
    const duplicate = await glueError(create({ Name: "first" }));
    // Assess
    expect(second.name).toBe("InvalidInputException");
    expect(second.message).toContain("already has a start trigger");
    expect(duplicate.name).toBe("AlreadyExistsException");
  });

  it("updates the fields given and returns the trigger", async () => {
    // Prepare
    await createConditionalTrigger(t.client, "wf", "c", [{ job: "a" }], [{ job: "b" }]);
    // Act
    const { Trigger } = await t.client.send(
      new UpdateTriggerCommand({
        Name: "c",
        TriggerUpdate: {
          Description: "after a",
          Predicate: { Logical: "ANY", Conditions: [{ JobName: "a", State: "FAILED" }] },
        },
      }),
    );
    const missing = await glueError(
      t.client.send(new UpdateTriggerCommand({ Name: "nope", TriggerUpdate: { Description: "x" } })),
    );
    // Assess
    expect(Trigger).toMatchObject({
      Name: "c",
      Description: "after a",
      Actions: [{ JobName: "b" }],
      Predicate: { Logical: "ANY" },
    });
    expect(missing.name).toBe("EntityNotFoundException");
  });

  it("deletes idempotently", async () => {
    // Prepare
    await create({ Name: "gone" });
    // Act
    const deleted = await t.client.send(new DeleteTriggerCommand({ Name: "gone" }));
    const again = await t.client.send(new DeleteTriggerCommand({ Name: "gone" }));
    const get = await glueError(t.client.send(new GetTriggerCommand({ Name: "gone" })));
    // Assess
    expect([deleted.Name, again.Name]).toEqual(["gone", "gone"]);
    expect(get.name).toBe("EntityNotFoundException");
  });
});

describe("GetTriggers", () => {
  it("pages by name, each trigger once, and filters by DependentJobName", async () => {
    // Prepare
    for (const name of ["t5", "t1", "t4", "t2", "t3"])
      await create({ Name: name, Actions: [{ JobName: name === "t4" ? "b" : "a" }] });
    // Act
    const first = await t.client.send(new GetTriggersCommand({ MaxResults: 2 }));
    const second = await t.client.send(new GetTriggersCommand({ MaxResults: 2, NextToken: first.NextToken }));
    const third = await t.client.send(new GetTriggersCommand({ MaxResults: 2, NextToken: second.NextToken }));
    const forB = await t.client.send(new GetTriggersCommand({ DependentJobName: "b" }));
    // Assess
    expect([first, second, third].flatMap((p) => p.Triggers ?? []).map((x) => x.Name)).toEqual([
      "t1",
      "t2",
      "t3",
      "t4",
      "t5",
    ]);
    expect(third.NextToken).toBeUndefined();
    expect(forB.Triggers?.map((x) => x.Name)).toEqual(["t4"]);
  });
});

describe("activation", () => {
  it("a CONDITIONAL trigger fires only while ACTIVATED (StartTrigger / StopTrigger)", async () => {
    // Prepare
    await createStartTrigger(t.client, "wf", "go", [{ job: "a" }]);
    await create({
      Name: "next",
      WorkflowName: "wf",
      Type: "CONDITIONAL",
      Predicate: { Conditions: [{ JobName: "a", State: "SUCCEEDED" }] },
      Actions: [{ JobName: "b" }],
    });
    const runOnce = async () => {
      const { RunId } = await t.client.send(new StartWorkflowRunCommand({ Name: "wf" }));
      await t.glue.runUntilIdle();
      return jobRunsByJob(await getRun(t.client, "wf", RunId as string)).b?.JobRuns?.length ?? 0;
    };
    // Act
    const whileCreated = await runOnce();
    await t.client.send(new StartTriggerCommand({ Name: "next" }));
    const activated = (await trigger("next"))?.State;
    const whileActivated = await runOnce();
    await t.client.send(new StopTriggerCommand({ Name: "next" }));
    const deactivated = (await trigger("next"))?.State;
    const whileDeactivated = await runOnce();
    // Assess
    expect([whileCreated, whileActivated, whileDeactivated]).toEqual([0, 1, 0]);
    expect([activated, deactivated]).toEqual(["ACTIVATED", "DEACTIVATED"]);
  });

  it("StartTrigger on an ON_DEMAND trigger fires it: a workflow run, or standalone job runs", async () => {
    // Prepare
    await createStartTrigger(t.client, "wf", "go", [{ job: "a" }]);
    await create({ Name: "loose", Actions: [{ JobName: "b" }] });
    // Act
    await t.client.send(new StartTriggerCommand({ Name: "go" }));
    await t.client.send(new StartTriggerCommand({ Name: "loose" }));
    await t.glue.runUntilIdle();
    // Assess
    expect((await t.client.send(new GetWorkflowRunsCommand({ Name: "wf" }))).Runs).toHaveLength(1);
    const bRuns = (await t.client.send(new GetJobRunsCommand({ JobName: "b" }))).JobRuns;
    expect(bRuns?.map((r) => [r.TriggerName, r.JobRunState])).toEqual([["loose", "SUCCEEDED"]]);
  });

  it("StopTrigger refuses ON_DEMAND triggers; Start/Stop of a missing trigger is EntityNotFoundException", async () => {
    // Prepare
    await create({ Name: "manual" });
    // Act
    const stop = await glueError(t.client.send(new StopTriggerCommand({ Name: "manual" })));
    const startMissing = await glueError(t.client.send(new StartTriggerCommand({ Name: "nope" })));
    const stopMissing = await glueError(t.client.send(new StopTriggerCommand({ Name: "nope" })));
    // Assess
    expect(stop.name).toBe("InvalidInputException");
    expect([startMissing.name, stopMissing.name]).toEqual(["EntityNotFoundException", "EntityNotFoundException"]);
  });
});

describe("SCHEDULED start triggers", () => {
  it("start a run at each scheduled minute while ACTIVATED", async () => {
    // Prepare
    await create({
      Name: "every-5",
      WorkflowName: "wf",
      Type: "SCHEDULED",
      Schedule: "cron(0/5 * * * ? *)",
      StartOnCreation: true,
    });
    // Act: three scheduled times pass
    await t.glue.advance(15 * 60_000);
    await t.client.send(new StopTriggerCommand({ Name: "every-5" }));
    const runs = (await t.client.send(new GetWorkflowRunsCommand({ Name: "wf" }))).Runs ?? [];
    await t.glue.advance(15 * 60_000);
    const later = (await t.client.send(new GetWorkflowRunsCommand({ Name: "wf" }))).Runs ?? [];
    // Assess
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.every((r) => (r.StartedOn?.getUTCMinutes() ?? 1) % 5 === 0 && r.StartedOn?.getUTCSeconds() === 0)).toBe(
      true,
    );
    expect(later).toHaveLength(runs.length);
  });

  it("make runUntilIdle give up with a clear error when runs never stop coming", async () => {
    // Prepare: a run an hour long started every minute
    await createJob(t.client, "hour", LONG);
    await create({
      Name: "minutely",
      WorkflowName: "wf",
      Type: "SCHEDULED",
      Schedule: "cron(* * * * ? *)",
      StartOnCreation: true,
      Actions: [{ JobName: "hour" }],
    });
    await t.glue.advance(60_000);
    // Act
    const error = await t.glue.runUntilIdle({ horizonMs: 86_400_000 }).then(
      () => undefined,
      (e: Error) => e,
    );
    // Assess
    expect(error?.message).toContain("still busy");
  });

  it("record an ERROR run with the concurrent-runs message when MaxConcurrentRuns is reached", async () => {
    // Prepare
    await createWorkflow(t.client, { Name: "capped", MaxConcurrentRuns: 1 });
    await createJob(t.client, "hour-long", LONG);
    await t.client.send(
      new CreateTriggerCommand({
        Name: "every-minute",
        WorkflowName: "capped",
        Type: "SCHEDULED",
        Schedule: "cron(* * * * ? *)",
        StartOnCreation: true,
        Actions: [{ JobName: "hour-long" }],
      }),
    );
    // Act
    await t.glue.advance(3 * 60_000);
    await t.client.send(new StopTriggerCommand({ Name: "every-minute" }));
    const runs = (await t.client.send(new GetWorkflowRunsCommand({ Name: "capped" }))).Runs ?? [];
    // Assess
    expect(runs.filter((r) => r.Status === "RUNNING")).toHaveLength(1);
    const errored = runs.filter((r) => r.Status === "ERROR");
    expect(errored.length).toBeGreaterThanOrEqual(1);
    expect(errored[0]).toMatchObject({
      ErrorMessage: "Concurrent runs exceeded for workflow: capped",
      Statistics: { TotalActions: 0 },
    });
  });
});
