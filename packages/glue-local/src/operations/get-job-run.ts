import { jobRunView } from "../engine/views.ts";
import { EntityNotFoundError } from "../errors.ts";
import { GetJobRunInput } from "../validation/get-job-run.ts";
import { defineOperation } from "./operation.ts";

export const GetJobRun = defineOperation({
  input: GetJobRunInput,
  handle(engine, input, now) {
    const run = engine.state.jobRuns.get(input.RunId);
    if (!run || run.jobName !== input.JobName) {
      throw new EntityNotFoundError(`Job run ${input.RunId} of job ${input.JobName} not found`);
    }
    return { JobRun: jobRunView(run, now) };
  },
});
