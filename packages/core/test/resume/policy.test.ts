import { describe, expect, it } from "vitest";
import { ResumeConfigError } from "../../src/resume/errors.ts";
import {
  backoffSeconds,
  compileTransientPatterns,
  DEFAULT_TRANSIENT_PATTERNS,
  resumePolicyFromEnv,
} from "../../src/resume/policy.ts";

describe("resumePolicyFromEnv", () => {
  it("uses the documented defaults (docs/architecture.md#auto-resume-policy) when nothing is set", () => {
    // Act
    const policy = resumePolicyFromEnv({});

    // Assess
    expect(policy.enabled).toBe(true);
    expect(policy.maxAttempts).toBe(2);
    expect(policy.backoffSeconds).toBe(120);
    expect(policy.transientPatterns).toHaveLength(DEFAULT_TRANSIENT_PATTERNS.length);
  });

  it("reads every setting", () => {
    // Act
    const policy = resumePolicyFromEnv({
      AUTO_RESUME_ENABLED: "false",
      AUTO_RESUME_MAX_ATTEMPTS: "5",
      AUTO_RESUME_BACKOFF_SECONDS: "30",
      AUTO_RESUME_TRANSIENT_PATTERNS: "SlowDown\n\n  flaky source  \r\n",
    });

    // Assess
    expect(policy).toMatchObject({ enabled: false, maxAttempts: 5, backoffSeconds: 30 });
    expect(policy.transientPatterns.map((pattern) => pattern.source)).toEqual(["SlowDown", "flaky source"]);
    expect(policy.transientPatterns.every((pattern) => pattern.flags === "i")).toBe(true);
  });

  it.each([
    ["AUTO_RESUME_ENABLED", "maybe", /AUTO_RESUME_ENABLED: expected true or false/],
    ["AUTO_RESUME_MAX_ATTEMPTS", "-1", /AUTO_RESUME_MAX_ATTEMPTS: expected a whole number/],
    ["AUTO_RESUME_BACKOFF_SECONDS", "2m", /AUTO_RESUME_BACKOFF_SECONDS: expected a whole number/],
    [
      "AUTO_RESUME_TRANSIENT_PATTERNS",
      "Throttl\n(unclosed",
      /AUTO_RESUME_TRANSIENT_PATTERNS: line 2 is not a valid regular expression/,
    ],
  ])("refuses an invalid %s with a clear error", (name, value, message) => {
    // Act
    const read = () => resumePolicyFromEnv({ [name]: value });

    // Assess
    expect(read).toThrow(ResumeConfigError);
    expect(read).toThrow(message);
  });
});

describe("default transient patterns", () => {
  const patterns = compileTransientPatterns(undefined);
  const transient = (message: string) => patterns.some((pattern) => pattern.test(message));

  it.each([
    "ThrottlingException: Rate exceeded",
    "Rate exceeded",
    "An error occurred (ThrottlingException) when calling the GetTable operation",
    "Concurrent runs exceeded for workflow: nightly",
    "ConcurrentRunsExceededException: Concurrent runs exceeded for load",
    "Insufficient capacity to start the job run",
    "Resource unavailable: no workers are available",
    "Resources are temporarily unavailable",
    "InternalServiceException: Internal service error",
    "java.net.SocketException: Connection reset",
    "connect ETIMEDOUT 10.0.0.1:5432",
    "Read timed out",
    "Please reduce your request rate. (Service: Amazon S3; Status Code: 503; Error Code: SlowDown)",
  ])("treats %j as transient", (message) => {
    expect(transient(message)).toBe(true);
  });

  it.each([
    "AnalysisException: Table or view not found: sales.orders",
    "Syntax error in SQL statement",
    "AccessDeniedException: User is not authorized to perform glue:GetTable",
    "java.lang.NullPointerException",
    "Job run timed out",
  ])("treats %j as permanent", (message) => {
    expect(transient(message)).toBe(false);
  });
});

describe("backoffSeconds", () => {
  it("doubles per attempt already made", () => {
    expect([0, 1, 2, 3].map((attempts) => backoffSeconds({ backoffSeconds: 120 }, attempts))).toEqual([
      120, 240, 480, 960,
    ]);
  });
});
