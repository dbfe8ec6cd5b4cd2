import { UpdateJobInput } from "../validation/update-job.ts";
import { defineOperation } from "./operation.ts";

export const UpdateJob = defineOperation({
  input: UpdateJobInput,
  handle(engine, input) {
    engine.catalog.updateJob(input.JobName, input.JobUpdate);
    return { JobName: input.JobName };
  },
});
