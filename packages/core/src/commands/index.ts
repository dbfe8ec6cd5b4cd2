/**
 * Commands: start, stop, resume and run properties, forwarded to Glue and recorded
 * (ObservedVia "command"). Glue's refusals surface as GlueCallError.
 */

// Glue's failures, for the API's error mapping: by this subpath the read function does not bundle the Glue client.
export { GLUE_UNREACHABLE_CODE, GlueCallError, GlueFailure } from "../glue/errors.ts";
export * from "./commands.ts";
