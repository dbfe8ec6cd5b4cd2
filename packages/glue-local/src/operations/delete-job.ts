import { DeleteJobInput } from "../validation/delete-job.ts";
import { defineOperation } from "./operation.ts";

export const DeleteJob = defineOperation({
  input: DeleteJobInput,
  handle(engine, input) {
    engine.catalog.deleteJob(input.JobName);
    return { JobName: input.JobName };
  },
});
