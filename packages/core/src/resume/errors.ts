import { GlueErrorCode } from "@glue-run-tracker/glue-model";
import { TrackerError } from "../errors.ts";

/**
 * Auto-resume errors. A configuration error names the setting and the bad value's
 * position so a deploy or `npm start` fails with a message a person can act on.
 */
export class ResumeError extends TrackerError {
  constructor(message: string, options: { cause?: unknown; code?: GlueErrorCode } = {}) {
    super(message, options.code ?? GlueErrorCode.InternalService, { cause: options.cause });
    this.name = "ResumeError";
  }
}

/** An AUTO_RESUME_* setting could not be read (bad number, boolean or regular expression). */
export class ResumeConfigError extends ResumeError {
  readonly setting: string;

  constructor(setting: string, message: string, options: { cause?: unknown } = {}) {
    super(`Invalid ${setting}: ${message}`, options);
    this.name = "ResumeConfigError";
    this.setting = setting;
  }
}

/** A resume-queue message that is not a resume request (it goes to the DLQ, not retried forever). */
export class InvalidResumeRequestError extends ResumeError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, code: GlueErrorCode.InvalidInput });
    this.name = "InvalidResumeRequestError";
  }
}
