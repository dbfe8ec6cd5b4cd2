import { checkJobSimArguments } from "../engine/simulation.ts";
import { AlreadyExistsError } from "../errors.ts";
import { StartJobRunInput } from "../validation/start-job-run.ts";
import { defineOperation } from "./operation.ts";

/** A job run outside any workflow; past ExecutionProperty.MaxConcurrentRuns it raises ConcurrentRunsExceeded. */
export const StartJobRun = defineOperation({
  input: StartJobRunInput,
  handle(engine, input) {
    const job = engine.catalog.job(input.JobName);
    checkJobSimArguments(input.Arguments);
    if (input.JobRunId !== undefined && engine.state.jobRuns.has(input.JobRunId)) {
      throw new AlreadyExistsError(`Job run ${input.JobRunId} already exists`);
    }
    const { JobName: _n, JobRunId: _id, Arguments: _a, Timeout: _t, NotificationProperty: _p, ...overrides } = input;
    const run = engine.jobRuns.start(job, {
      arguments: input.Arguments,
      timeoutMinutes: input.Timeout,
      notifyDelayAfter: input.NotificationProperty?.NotifyDelayAfter,
      jobRunId: input.JobRunId,
      overrides,
      fromApi: true,
    });
    return { JobRunId: run.id };
  },
});
