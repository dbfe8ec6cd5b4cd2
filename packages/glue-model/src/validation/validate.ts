import type { z } from "zod";
import { GlueErrorCode } from "../enums.ts";
import { SeedValidationError } from "../errors.ts";

/**
 * Parses `input` with `schema`; on failure throws a SeedValidationError naming the
 * first offending field and the rule it broke.
 *
 * @example
 * const input = validate(StartWorkflowRunInput, body); // throws on { Name: "" }
 * // SeedValidationError: Name: must be 1–255 UTF-8 bytes long (got 0)
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw toSeedValidationError(result.error);
}

export function toSeedValidationError(error: z.ZodError): SeedValidationError {
  const issue = error.issues[0];
  if (!issue) return new SeedValidationError("(input)", "invalid", "Invalid input");
  // A bad record key (run property, tag) carries the key's own issue inside.
  const inner = issue.code === "invalid_key" ? issue.issues[0] : undefined;
  const path = inner ? issue.path.slice(0, -1) : issue.path;
  const field = path.length > 0 ? path.map(String).join(".") : "(input)";
  const params = ((inner ?? issue) as { params?: { rule?: string; glueCode?: GlueErrorCode } }).params;
  const rule = params?.rule ?? ruleOf((inner ?? issue).code);
  const message = inner
    ? `key ${JSON.stringify(shorten(String(issue.path.at(-1) ?? "")))} ${inner.message}`
    : issue.code === "unrecognized_keys"
      ? `unknown field(s) ${issue.keys.join(", ")}`
      : issue.message;
  return new SeedValidationError(field, rule, `${field}: ${message}`, params?.glueCode ?? GlueErrorCode.InvalidInput);
}

const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function ruleOf(code: string): string {
  switch (code) {
    case "invalid_type":
      return "type";
    case "too_small":
    case "too_big":
      return "range";
    case "invalid_value":
      return "enum";
    default:
      return code.replaceAll("_", "-");
  }
}
