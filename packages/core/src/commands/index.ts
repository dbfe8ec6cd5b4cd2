/**
 * Commands: start, stop, resume and run properties, forwarded to Glue and recorded
 * (ObservedVia "command"). Glue's refusals surface as GlueCallError.
 */
export * from "./commands.ts";
export * from "./errors.ts";
