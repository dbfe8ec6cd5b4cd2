import { jobRunView } from "../engine/views.ts";
import { page } from "../pagination.ts";
import { GetJobRunsInput } from "../validation/get-job-runs.ts";
import { defineOperation } from "./operation.ts";

/** Newest first. */
export const GetJobRuns = defineOperation({
  input: GetJobRunsInput,
  handle(engine, input, now) {
    engine.catalog.job(input.JobName);
    const runs = [...engine.state.jobRuns.values()]
      .filter((r) => r.jobName === input.JobName)
      .sort((a, b) => b.seq - a.seq);
    const result = page(
      `jobruns:${input.JobName}`,
      runs,
      (r) => r.seq,
      (a, b) => a < b,
      input.MaxResults ?? 100,
      input.NextToken,
    );
    return { JobRuns: result.items.map((r) => jobRunView(r, now)), NextToken: result.nextToken };
  },
});
