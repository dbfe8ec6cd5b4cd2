import { jobDefinitionShape } from "./create-job.ts";
import { name, object, optional } from "./rules.ts";

const { Role, Command, ...rest } = jobDefinitionShape();

/** UpdateJob: JobUpdate replaces the whole definition (Glue's rule), so nothing in it is required. */
export const UpdateJobInput = object({
  JobName: name(),
  JobUpdate: object({ Role: optional(Role), Command: optional(Command), ...rest }, { loose: true }),
});
