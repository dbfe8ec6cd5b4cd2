import { describe, expect, it } from "vitest";
import * as z from "zod";
import { MemberRoleError } from "../../src/accounts/index.ts";
import {
  describeGlueFailure,
  GLUE_UNREACHABLE_CODE,
  GlueCallError,
  GlueFailure,
  isRetryable,
  isRetryableGlueCall,
  toGlueCallError,
} from "../../src/glue/index.ts";
import { AnnouncementInProgressError, UnrecognizedMessageError } from "../../src/ingest/errors.ts";

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(`${name} from Glue`), { name, $metadata: { httpStatusCode: status } });

describe("isRetryable: the one classifier of failed work", () => {
  it.each([
    ["an unrecognized queue message", new UnrecognizedMessageError("not JSON"), false],
    ["Glue InvalidInputException", toGlueCallError("GetWorkflowRun", sdkError("InvalidInputException", 400)), false],
    [
      "Glue EntityNotFoundException",
      toGlueCallError("GetWorkflowRun", sdkError("EntityNotFoundException", 400)),
      false,
    ],
    ["a raw SDK EntityNotFoundException", sdkError("EntityNotFoundException", 400), false],
    [
      "a JSON syntax error",
      (() => {
        try {
          JSON.parse("{");
        } catch (e) {
          return e;
        }
      })(),
      false,
    ],
    ["a zod error wrapped as a cause", new Error("bad body", { cause: z.string().safeParse(1).error }), false],
    ["throttling", toGlueCallError("GetWorkflowRun", sdkError("ThrottlingException", 400)), true],
    [
      "Glue unreachable",
      toGlueCallError("GetWorkflowRun", Object.assign(new Error("connect"), { code: "ECONNREFUSED" })),
      true,
    ],
    [
      "AccessDenied (a deploy fixes it)",
      toGlueCallError("GetWorkflowRun", sdkError("AccessDeniedException", 403)),
      true,
    ],
    ["Glue 5xx", toGlueCallError("GetWorkflowRun", sdkError("InternalServiceException", 500)), true],
    ["another invocation's lease", new AnnouncementInProgressError("wf", "wr_1"), true],
    ["an unknown error", new Error("something else"), true],
  ])("%s → retryable %s", (_what, error, retryable) => {
    expect(isRetryable(error)).toBe(retryable);
  });
});

describe("toGlueCallError: Glue's exception names mapped once", () => {
  it.each([
    ["ThrottlingException", 400, GlueFailure.Throttled, true],
    ["SomethingNew", 429, GlueFailure.Throttled, true],
    ["EntityNotFoundException", 400, GlueFailure.NotFound, false],
    ["InvalidInputException", 400, GlueFailure.InvalidInput, false],
    ["ConcurrentRunsExceededException", 400, GlueFailure.ConcurrentRunsExceeded, true],
    ["ConcurrentModificationException", 400, GlueFailure.ConcurrentModification, true],
    ["IllegalWorkflowStateException", 400, GlueFailure.Refused, false],
    ["AccessDeniedException", 403, GlueFailure.Refused, false],
    ["InternalServiceException", 500, GlueFailure.GlueFault, true],
    ["OperationTimeoutException", 400, GlueFailure.GlueFault, true],
    ["SomethingNewException", 503, GlueFailure.GlueFault, true],
  ] as const)("%s (HTTP %i) → %s, retryable %s", (name, status, failure, retryable) => {
    // Act
    const error = toGlueCallError("ResumeWorkflowRun", sdkError(name, status));

    // Assess
    expect(error).toBeInstanceOf(GlueCallError);
    expect(error).toMatchObject({ failure, retryable, glueCode: name, operation: "ResumeWorkflowRun" });
    expect(isRetryableGlueCall(sdkError(name, status))).toBe(retryable);
  });

  it("keeps Glue's message and the SDK's fault, and says Glue answered", () => {
    const error = toGlueCallError(
      "StartWorkflowRun",
      Object.assign(sdkError("AlreadyExistsException", 400), { $fault: "client" }),
    );

    expect(error).toMatchObject({ message: "AlreadyExistsException from Glue", fault: "client", answered: true });
  });

  it.each([
    ["a refused connection", Object.assign(new Error("connect"), { code: "ECONNREFUSED" }), GlueFailure.Unreachable],
    ["a reset wrapped by the SDK", new Error("socket", { cause: { code: "ECONNRESET" } }), GlueFailure.Unreachable],
    ["the HTTP handler's timeout", Object.assign(new Error("slow"), { name: "TimeoutError" }), GlueFailure.TimedOut],
    ["the caller's abort", Object.assign(new Error("aborted"), { name: "AbortError" }), GlueFailure.TimedOut],
  ])("%s → %s, retryable, not answered by Glue", (_what, thrown, failure) => {
    expect(toGlueCallError("GetWorkflowRun", thrown)).toMatchObject({ failure, retryable: true, answered: false });
  });

  it("leaves an error that is not Glue's alone (a bug: the API answers 500, the worker retries)", () => {
    const bug = new RangeError("bug");

    expect(toGlueCallError("GetWorkflowRun", bug)).toBe(bug);
    expect(isRetryableGlueCall(bug)).toBe(true);
  });

  it("describes a Glue failure by Glue's exception name, as the resume decision records it", () => {
    const error = toGlueCallError("ResumeWorkflowRun", sdkError("EntityNotFoundException", 400));

    expect(describeGlueFailure(error)).toBe("EntityNotFoundException: EntityNotFoundException from Glue");
  });
});

describe("toGlueCallError: a member role STS would not give", () => {
  const analytics = { accountId: "222222222222", region: "eu-west-1", alias: "analytics" };
  const roleArn = "arn:aws:iam::222222222222:role/GlueRunTrackerRead-eu-west-1";
  const refusal = (cause: unknown) => new MemberRoleError({ account: analytics, purpose: "read", roleArn }, cause);

  it.each([
    ["AccessDenied", GlueFailure.Refused, false, "AccessDeniedException", sdkError("AccessDenied", 403)],
    ["Throttling (awsQuery's code)", GlueFailure.Throttled, true, "ThrottlingException", sdkError("Throttling", 400)],
    [
      "unreachable",
      GlueFailure.Unreachable,
      true,
      GLUE_UNREACHABLE_CODE,
      Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    ],
    ["failing otherwise", GlueFailure.Refused, false, "TypeError", new TypeError("no credentials")],
  ])(
    "STS %s → the call fails %s (retryable %s) as %s, named with the account and role",
    (_, failure, retryable, glueCode, cause) => {
      // Act
      const error = toGlueCallError("GetWorkflowRun", refusal(cause));

      // Assess
      expect(error).toBeInstanceOf(GlueCallError);
      expect(error).toMatchObject({ operation: "GetWorkflowRun", failure, retryable, glueCode });
      expect((error as GlueCallError).message).toMatch(
        /^Could not assume the read role arn:aws:iam::222222222222:role\/GlueRunTrackerRead-eu-west-1 in analytics \(222222222222, eu-west-1\): /,
      );
    },
  );
});
