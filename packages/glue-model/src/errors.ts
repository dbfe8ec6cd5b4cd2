import { GlueErrorCode } from "./enums.ts";

/**
 * A request broke one of the seed's constraints. `field` is the dotted path of the
 * offending input (e.g. `Tags`, `NodeIds.0`), `rule` a short machine-readable name
 * (e.g. `length`, `single-line`), and `code` the Glue exception it maps to.
 */
export class SeedValidationError extends Error {
  readonly field: string;
  readonly rule: string;
  readonly code: GlueErrorCode;

  constructor(field: string, rule: string, message: string, code: GlueErrorCode = GlueErrorCode.InvalidInput) {
    super(message);
    this.name = "SeedValidationError";
    this.field = field;
    this.rule = rule;
    this.code = code;
  }
}
