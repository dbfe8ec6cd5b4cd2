import { isActiveJobRun } from "../engine/job-runs.ts";
import { BatchStopJobRunInput } from "../validation/batch-stop-job-run.ts";
import { defineOperation } from "./operation.ts";

/** Each id either gets a stop submitted or an error entry; the call itself succeeds. */
export const BatchStopJobRun = defineOperation({
  input: BatchStopJobRunInput,
  handle(engine, input) {
    const submitted: Array<{ JobName: string; JobRunId: string }> = [];
    const errors: Array<{
      JobName: string;
      JobRunId: string;
      ErrorDetail: { ErrorCode: string; ErrorMessage: string };
    }> = [];
    for (const id of new Set(input.JobRunIds)) {
      const run = engine.state.jobRuns.get(id);
      if (!run || run.jobName !== input.JobName) {
        const ErrorDetail = {
          ErrorCode: "EntityNotFoundException",
          ErrorMessage: `Job run ${id} of job ${input.JobName} not found`,
        };
        errors.push({ JobName: input.JobName, JobRunId: id, ErrorDetail });
      } else if (!isActiveJobRun(run)) {
        const ErrorDetail = {
          ErrorCode: "InvalidInputException",
          ErrorMessage: `Job run ${id} is already ${run.state}`,
        };
        errors.push({ JobName: input.JobName, JobRunId: id, ErrorDetail });
      } else {
        engine.jobRuns.stop(run);
        submitted.push({ JobName: input.JobName, JobRunId: id });
      }
    }
    return { SuccessfulSubmissions: submitted, Errors: errors };
  },
});
