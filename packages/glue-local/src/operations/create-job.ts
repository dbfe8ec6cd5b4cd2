import { CreateJobInput } from "../validation/create-job.ts";
import { defineOperation } from "./operation.ts";

export const CreateJob = defineOperation({
  input: CreateJobInput,
  handle(engine, input) {
    engine.catalog.createJob(input);
    return { Name: input.Name };
  },
});
