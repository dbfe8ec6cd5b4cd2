/** The API functions' defaults, importable without loading the handlers (stacks read them). */

/** Long enough for a healthy Glue call, short of API Gateway's 30 s integration limit. */
export const DEFAULT_GLUE_TIMEOUT_MS = 8_000;
