/**
 * Functionality: jobs outside workflows — Create / Get / Update / Delete Job, StartJobRun,
 * GetJobRun, GetJobRuns, BatchStopJobRun, concurrency and the `--sim-*` controls.
 */
import {
  BatchStopJobRunCommand,
  CreateJobCommand,
  DeleteJobCommand,
  GetJobCommand,
  GetJobRunCommand,
  GetJobRunsCommand,
  StartJobRunCommand,
  UpdateJobCommand,
} from "@aws-sdk/client-glue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createJob, glueError, LONG, startTestGlue, type TestGlue } from "./support/glue.ts";

let t: TestGlue;
beforeEach(async () => {
  t = await startTestGlue();
});
afterEach(async () => {
  await t.stop();
});

const run = async (jobName: string, args?: Record<string, string>, extra = {}) =>
  (await t.client.send(new StartJobRunCommand({ JobName: jobName, Arguments: args, ...extra }))).JobRunId as string;
const jobRun = async (jobName: string, runId: string) =>
  (await t.client.send(new GetJobRunCommand({ JobName: jobName, RunId: runId }))).JobRun;

describe("job definitions", () => {
  it("creates, reads back with Glue's defaults, overwrites on update, deletes idempotently", async () => {
    // Prepare
    await createJob(t.client, "etl", { "--day": "1" }, { GlueVersion: "4.0", WorkerType: "G.1X", NumberOfWorkers: 2 });
    // Act
    const created = (await t.client.send(new GetJobCommand({ JobName: "etl" }))).Job;
    const updated = await t.client.send(
      new UpdateJobCommand({
        JobName: "etl",
        JobUpdate: { Role: "r2", Command: { Name: "pythonshell" }, Timeout: 10 },
      }),
    );
    const after = (await t.client.send(new GetJobCommand({ JobName: "etl" }))).Job;
    const deleted = await t.client.send(new DeleteJobCommand({ JobName: "etl" }));
    const again = await t.client.send(new DeleteJobCommand({ JobName: "etl" }));
    // Assess
    expect(created).toMatchObject({
      Name: "etl",
      DefaultArguments: { "--day": "1" },
      GlueVersion: "4.0",
      WorkerType: "G.1X",
      NumberOfWorkers: 2,
      ExecutionProperty: { MaxConcurrentRuns: 1 },
      Timeout: 2880,
      MaxRetries: 0,
    });
    expect(created?.CreatedOn).toBeInstanceOf(Date);
    expect(updated.JobName).toBe("etl");
    expect(after).toMatchObject({ Role: "r2", Command: { Name: "pythonshell" }, Timeout: 10 });
    expect(after?.DefaultArguments).toBeUndefined();
    expect(deleted.JobName).toBe("etl");
    expect(again.JobName).toBe("etl");
    expect((await glueError(t.client.send(new GetJobCommand({ JobName: "etl" })))).name).toBe(
      "EntityNotFoundException",
    );
  });

  it("raises AlreadyExistsException, and EntityNotFoundException on update of a missing job", async () => {
    // Prepare
    await createJob(t.client, "once");
    // Act
    const exists = await glueError(
      t.client.send(new CreateJobCommand({ Name: "once", Role: "r", Command: { Name: "glueetl" } })),
    );
    const missing = await glueError(t.client.send(new UpdateJobCommand({ JobName: "nope", JobUpdate: { Role: "r" } })));
    // Assess
    expect(exists.name).toBe("AlreadyExistsException");
    expect(missing.name).toBe("EntityNotFoundException");
  });
});

describe("job runs", () => {
  it("run to SUCCEEDED with their timings, arguments merged over DefaultArguments", async () => {
    // Prepare
    await createJob(t.client, "j", { "--a": "default", "--b": "default", "--sim-duration-ms": "2520000" });
    // Act
    const id = await run("j", { "--b": "run" });
    const running = await jobRun("j", id);
    await t.glue.runUntilIdle();
    const done = await jobRun("j", id);
    // Assess
    expect(id).toMatch(/^jr_[0-9a-f]{64}$/);
    expect(running?.JobRunState).toBe("RUNNING");
    expect(done).toMatchObject({
      Id: id,
      JobName: "j",
      Attempt: 0,
      JobRunState: "SUCCEEDED",
      ExecutionTime: 2520,
      Arguments: { "--a": "default", "--b": "run" },
    });
    expect(done?.TriggerName).toBeUndefined();
    expect((done?.CompletedOn?.getTime() ?? 0) - (done?.StartedOn?.getTime() ?? 0)).toBe(2_520_000);
  });

  it.each([
    ["FAILED", { "--sim-outcome": "FAILED", "--sim-error-message": "boom" }, "boom"],
    ["STOPPED", { "--sim-outcome": "STOPPED" }, undefined],
    ["TIMEOUT", { "--sim-outcome": "TIMEOUT", "--sim-error-message": "too slow" }, "too slow"],
  ])("end %s when --sim-outcome says so", async (state, args, message) => {
    // Prepare
    await createJob(t.client, "sim", args);
    // Act
    const id = await run("sim");
    await t.glue.runUntilIdle();
    // Assess
    const done = await jobRun("sim", id);
    expect(done?.JobRunState).toBe(state);
    expect(done?.ErrorMessage).toBe(message);
  });

  it("time out after the run's Timeout minutes", async () => {
    // Prepare
    await createJob(t.client, "slow", { "--sim-duration-ms": "600000" });
    // Act
    const id = await run("slow", undefined, { Timeout: 2 });
    await t.glue.runUntilIdle();
    const done = await jobRun("slow", id);
    // Assess
    expect(done?.JobRunState).toBe("TIMEOUT");
    expect(done?.ExecutionTime).toBe(120);
    expect(done?.Timeout).toBe(2);
  });

  it("fail the first --sim-fail-attempts runs, then succeed", async () => {
    // Prepare
    await createJob(t.client, "flaky", { "--sim-fail-attempts": "2" });
    // Act
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await run("flaky");
      await t.glue.runUntilIdle();
      states.push((await jobRun("flaky", id))?.JobRunState as string);
    }
    // Assess
    expect(states).toEqual(["FAILED", "FAILED", "SUCCEEDED"]);
  });

  it("past ExecutionProperty.MaxConcurrentRuns raise ConcurrentRunsExceededException", async () => {
    // Prepare
    await createJob(t.client, "one", LONG);
    await createJob(t.client, "two", LONG, { ExecutionProperty: { MaxConcurrentRuns: 2 } });
    await run("one");
    await run("two");
    await run("two");
    // Act
    const one = await glueError(run("one"));
    const two = await glueError(run("two"));
    // Assess
    expect(one.name).toBe("ConcurrentRunsExceededException");
    expect(two.name).toBe("ConcurrentRunsExceededException");
  });

  it("take a given JobRunId once", async () => {
    // Prepare
    await createJob(t.client, "ids", {}, { ExecutionProperty: { MaxConcurrentRuns: 5 } });
    const id = `jr_${"a".repeat(64)}`;
    // Act
    const first = await run("ids", undefined, { JobRunId: id });
    const second = await glueError(run("ids", undefined, { JobRunId: id }));
    // Assess
    expect(first).toBe(id);
    expect(second.name).toBe("AlreadyExistsException");
  });

  it("raise EntityNotFoundException for a missing job or run", async () => {
    // Prepare
    await createJob(t.client, "exists");
    // Act
    const start = await glueError(run("missing"));
    const get = await glueError(t.client.send(new GetJobRunCommand({ JobName: "exists", RunId: "jr_nope" })));
    const list = await glueError(t.client.send(new GetJobRunsCommand({ JobName: "missing" })));
    // Assess
    expect([start.name, get.name, list.name]).toEqual([
      "EntityNotFoundException",
      "EntityNotFoundException",
      "EntityNotFoundException",
    ]);
  });
});

describe("GetJobRuns", () => {
  it("pages newest first, each run once", async () => {
    // Prepare
    await createJob(t.client, "many", {}, { ExecutionProperty: { MaxConcurrentRuns: 10 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await run("many"));
    // Act
    const first = await t.client.send(new GetJobRunsCommand({ JobName: "many", MaxResults: 3 }));
    const second = await t.client.send(
      new GetJobRunsCommand({ JobName: "many", MaxResults: 3, NextToken: first.NextToken }),
    );
    // Assess
    expect([...(first.JobRuns ?? []), ...(second.JobRuns ?? [])].map((r) => r.Id)).toEqual([...ids].reverse());
    expect(second.NextToken).toBeUndefined();
  });
});

describe("BatchStopJobRun", () => {
  it("stops running runs and reports the others as errors", async () => {
    // Prepare
    await createJob(t.client, "stoppable", LONG, { ExecutionProperty: { MaxConcurrentRuns: 3 } });
    await createJob(t.client, "quick");
    const a = await run("stoppable");
    const b = await run("stoppable");
    const done = await run("quick");
    await t.glue.advance(10_000); // "quick" (5 s) has finished; the others run for an hour
    // Act
    const result = await t.client.send(
      new BatchStopJobRunCommand({ JobName: "stoppable", JobRunIds: [a, b, done, "jr_unknown"] }),
    );
    const stopping = await jobRun("stoppable", a);
    await t.glue.runUntilIdle();
    // Assess
    expect(result.SuccessfulSubmissions).toEqual([
      { JobName: "stoppable", JobRunId: a },
      { JobName: "stoppable", JobRunId: b },
    ]);
    expect(result.Errors?.map((e) => [e.JobRunId, e.ErrorDetail?.ErrorCode])).toEqual([
      [done, "EntityNotFoundException"],
      ["jr_unknown", "EntityNotFoundException"],
    ]);
    expect(["STOPPING", "STOPPED"]).toContain(stopping?.JobRunState);
    expect((await jobRun("stoppable", a))?.JobRunState).toBe("STOPPED");
    expect((await jobRun("stoppable", b))?.JobRunState).toBe("STOPPED");
  });
});
