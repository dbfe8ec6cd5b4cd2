import { EntityNotFoundError, Glue, InvalidInputError } from "@glue-run-tracker/core";
import { SeedValidationError } from "@glue-run-tracker/glue-model";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/http/error-response.ts";
import { MethodNotAllowedError, RouteNotFoundError, UnauthorizedError } from "../../src/http/errors.ts";

/** What @aws-sdk/client-glue throws for a Glue exception: name = __type, $metadata, $fault. */
function sdkError(name: string, fault: "client" | "server", message = `${name} from Glue`) {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: 400 } });
}

const glue = (error: unknown) => describeError(Glue.toGlueCallError("StartWorkflowRun", error));

describe("describeError: the status of every code", () => {
  it.each([
    [
      new SeedValidationError("Name", "length", "Name: must be 1–255 UTF-8 bytes long (got 0)"),
      400,
      "InvalidInputException",
    ],
    [new InvalidInputError("nextToken is invalid"), 400, "InvalidInputException"],
    [new UnauthorizedError(), 401, "UnauthorizedException"],
    [new EntityNotFoundError("Run x is not tracked"), 404, "EntityNotFoundException"],
    [new RouteNotFoundError("GET", "/x"), 404, "NotFoundException"],
    [new MethodNotAllowedError("DELETE", "/workflows", ["GET"]), 405, "MethodNotAllowedException"],
  ])("%s → %i %s", (error, status, code) => {
    expect(describeError(error)).toMatchObject({ statusCode: status, code, message: (error as Error).message });
  });

  it("adds the Allow header to a 405", () => {
    expect(describeError(new MethodNotAllowedError("PUT", "/runs", ["GET"])).headers).toEqual({ allow: "GET" });
  });
});

describe("describeError: Glue's failures", () => {
  it.each([
    ["EntityNotFoundException", "client", 404],
    ["ConcurrentRunsExceededException", "client", 409],
    ["IllegalWorkflowStateException", "client", 409],
    ["AlreadyExistsException", "client", 409],
    ["ThrottlingException", "client", 429],
    ["InvalidInputException", "client", 400],
  ] as const)("passes %s through (%s fault) as %i", (name, fault, status) => {
    expect(glue(sdkError(name, fault))).toMatchObject({ statusCode: status, code: name, message: `${name} from Glue` });
  });

  it("passes an exception the table does not list through, classed by its fault", () => {
    expect(glue(sdkError("AccessDeniedException", "client"))).toMatchObject({
      statusCode: 403,
      code: "AccessDeniedException",
    });
    expect(glue(sdkError("FederationSourceException", "client"))).toMatchObject({ statusCode: 400 });
    expect(glue(sdkError("SomethingNewException", "server"))).toMatchObject({ statusCode: 502 });
  });

  it.each([
    ["AccessDeniedException", "client", 403, /may not act on this workflow/],
    ["OperationTimeoutException", "server", 504, /Glue failed to complete the request/],
    ["SomethingNewException", "server", 502, /Glue failed to complete the request/],
  ] as const)(
    "answers Glue's %s (%s fault, %i) with a generic message, Glue's own kept for the log (issue 12, point 9)",
    (name, fault, status, generic) => {
      // Prepare: what Glue says names the role and the account
      const text =
        "User: arn:aws:sts::123456789012:assumed-role/ApiCommandsRole/fn is not authorized to perform: glue:StartWorkflowRun";

      // Act
      const described = glue(sdkError(name, fault, text));

      // Assess
      expect(described).toMatchObject({ statusCode: status, code: name, unexpected: true, glueMessage: text });
      expect(described.message).toMatch(generic);
      expect(described.message).not.toMatch(/arn:|123456789012/);
    },
  );

  it("hides the message of Glue's InternalServiceException", () => {
    const described = glue(sdkError("InternalServiceException", "server", "shard 7 on host ip-10-0-0-1 failed"));

    expect(described).toMatchObject({ statusCode: 500, code: "InternalServiceException" });
    expect(described.message).not.toContain("ip-10");
  });

  it.each(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH"])(
    "maps %s to 502 GlueUnreachableException",
    (code) => {
      const error = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });

      expect(glue(error)).toMatchObject({ statusCode: 502, code: "GlueUnreachableException" });
    },
  );

  it("maps the HTTP handler's TimeoutError to 504 OperationTimeoutException", () => {
    const error = Object.assign(new Error("Connection timed out after 150 ms"), { name: "TimeoutError" });

    expect(glue(error)).toMatchObject({ statusCode: 504, code: "OperationTimeoutException" });
  });
});

describe("describeError: anything else", () => {
  it("answers a bare 500 InternalServiceException without the internal message", () => {
    const described = describeError(
      new TypeError("Cannot read properties of undefined (reading 'pk') at table tracker-prod"),
    );

    expect(described).toMatchObject({ statusCode: 500, code: "InternalServiceException", unexpected: true });
    expect(described.message).not.toMatch(/pk|tracker-prod|undefined/);
  });

  it("leaves a non-Glue error thrown around a Glue call alone (500, not 502)", () => {
    expect(glue(new RangeError("bug"))).toMatchObject({ statusCode: 500, code: "InternalServiceException" });
  });

  it("answers 429 when DynamoDB throttles the store", () => {
    const error = Object.assign(new Error("Rate exceeded"), { name: "ProvisionedThroughputExceededException" });

    expect(describeError(error)).toMatchObject({ statusCode: 429, code: "ThrottlingException" });
  });

  it("copes with thrown non-errors", () => {
    expect(describeError("a string")).toMatchObject({ statusCode: 500 });
    expect(describeError(undefined)).toMatchObject({ statusCode: 500 });
  });
});
