import { jobView } from "../engine/views.ts";
import { GetJobInput } from "../validation/get-job.ts";
import { defineOperation } from "./operation.ts";

export const GetJob = defineOperation({
  input: GetJobInput,
  handle(engine, input) {
    return { Job: jobView(engine.catalog.job(input.JobName)) };
  },
});
