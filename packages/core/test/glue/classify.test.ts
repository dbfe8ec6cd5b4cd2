import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GlueThrottledError, GlueUnavailableError, isRetryable, toGatewayError } from "../../src/glue/index.ts";
import { AnnouncementInProgressError, UnrecognizedMessageError } from "../../src/ingest/errors.ts";

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(`${name} from Glue`), { name, $metadata: { httpStatusCode: status } });

describe("isRetryable: the one classifier of failed work", () => {
  it.each([
    ["an unrecognized queue message", new UnrecognizedMessageError("not JSON"), false],
    ["Glue InvalidInputException", toGatewayError("GetWorkflowRun", sdkError("InvalidInputException", 400)), false],
    ["Glue EntityNotFoundException", toGatewayError("GetWorkflowRun", sdkError("EntityNotFoundException", 400)), false],
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
    ["throttling", new GlueThrottledError("GetWorkflowRun"), true],
    ["Glue unreachable", new GlueUnavailableError("GetWorkflowRun"), true],
    [
      "AccessDenied (a deploy fixes it)",
      toGatewayError("GetWorkflowRun", sdkError("AccessDeniedException", 403)),
      true,
    ],
    ["Glue 5xx", toGatewayError("GetWorkflowRun", sdkError("InternalServiceException", 500)), true],
    ["another invocation's lease", new AnnouncementInProgressError("wf", "wr_1"), true],
    ["an unknown error", new Error("something else"), true],
  ])("%s → retryable %s", (_what, error, retryable) => {
    expect(isRetryable(error)).toBe(retryable);
  });
});
