/**
 * Serialization: the AWS JSON 1.1 wire itself — headers, error bodies, epoch-second
 * timestamps — and bad requests answered with a 400 and a `__type`, never a 500.
 */
import { GetWorkflowCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOneJobWorkflow, startTestGlue, type TestGlue } from "./support/glue.ts";

let t: TestGlue;
beforeEach(async () => {
  t = await startTestGlue();
});
afterEach(async () => {
  await t.stop();
});

const JSON_11 = "application/x-amz-json-1.1";

async function post(body: string, headers: Record<string, string>) {
  const response = await fetch(t.glue.endpoint, {
    method: "POST",
    headers: { "content-type": JSON_11, ...headers },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}
const call = (operation: string, body: unknown) =>
  post(JSON.stringify(body), { "x-amz-target": `AWSGlue.${operation}` });

describe("responses", () => {
  it("answer 200 with AWS JSON 1.1 and a request id", async () => {
    // Act
    const response = await call("ListWorkflows", {});
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(JSON_11);
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body).toEqual({ Workflows: [] });
  });

  it("carry timestamps as epoch seconds, which the SDK reads as Dates", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "ts");
    const before = t.glue.now().getTime();
    const { RunId } = await t.client.send(new StartWorkflowRunCommand({ Name: "ts" }));
    // Act
    const raw = await call("GetWorkflowRun", { Name: "ts", RunId });
    const viaSdk = await t.client.send(new GetWorkflowCommand({ Name: "ts" }));
    // Assess
    const startedOn = (raw.body.Run as { StartedOn: unknown }).StartedOn;
    expect(typeof startedOn).toBe("number");
    expect((startedOn as number) * 1000).toBeGreaterThanOrEqual(before);
    expect(viaSdk.Workflow?.LastRun?.StartedOn?.getTime()).toBe(Math.round((startedOn as number) * 1000));
  });

  it("leave absent fields out instead of sending null", async () => {
    // Prepare
    await createOneJobWorkflow(t.client, "sparse");
    // Act
    const raw = await call("GetWorkflow", { Name: "sparse" });
    // Assess
    expect(JSON.stringify(raw.body)).not.toContain("null");
    expect(raw.body.Workflow).not.toHaveProperty("Description");
  });
});

describe("errors", () => {
  it("are HTTP 400 with __type and message, and x-amzn-errortype", async () => {
    // Act
    const response = await call("GetWorkflow", { Name: "missing" });
    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("EntityNotFoundException");
    expect(response.body).toEqual({
      __type: "EntityNotFoundException",
      message: "Workflow with name missing not found",
    });
  });

  it("name the field and rule for invalid input", async () => {
    // Act
    const response = await call("GetWorkflow", { Name: "" });
    // Assess
    expect(response.status).toBe(400);
    expect(response.body.__type).toBe("InvalidInputException");
    expect(response.body.message).toBe("Name: must be 1–255 UTF-8 bytes long (got 0)");
  });
});

describe("bad requests", () => {
  it.each([
    ["no X-Amz-Target", () => post("{}", {}), "UnknownOperationException"],
    ["an unknown operation", () => call("LaunchRocket", {}), "UnknownOperationException"],
    [
      "another service's target",
      () => post("{}", { "x-amz-target": "DynamoDB_20120810.ListTables" }),
      "UnknownOperationException",
    ],
    ["a prototype key as operation", () => call("constructor", {}), "UnknownOperationException"],
    ["malformed JSON", () => post("{not json", { "x-amz-target": "AWSGlue.ListWorkflows" }), "SerializationException"],
    ["a JSON array", () => post("[]", { "x-amz-target": "AWSGlue.ListWorkflows" }), "SerializationException"],
    ["a JSON string", () => post('"x"', { "x-amz-target": "AWSGlue.ListWorkflows" }), "SerializationException"],
    ["a wrong field type", () => call("GetWorkflow", { Name: 42 }), "InvalidInputException"],
  ])("with %s get a 400 and a __type", async (_case, send, type) => {
    // Act
    const response = await send();
    // Assess
    expect(response.status).toBe(400);
    expect(response.body.__type).toBe(type);
    expect(typeof response.body.message).toBe("string");
  });

  it("with an empty body are read as {}", async () => {
    // Act
    const response = await post("", { "x-amz-target": "AWSGlue.ListWorkflows" });
    // Assess
    expect(response.status).toBe(200);
  });

  it("that are not POST get a 400 (GET / is a health check)", async () => {
    // Act
    const put = await fetch(t.glue.endpoint, { method: "PUT", body: "{}" });
    const health = await fetch(`${t.glue.endpoint}/health`);
    // Assess
    expect(put.status).toBe(400);
    expect(((await put.json()) as { __type: string }).__type).toBe("UnknownOperationException");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ service: "glue-local", status: "ok" });
  });

  it("never break the server for the next call", async () => {
    // Prepare
    await post("{", { "x-amz-target": "AWSGlue.ListWorkflows" });
    await post("", {});
    // Act
    const response = await call("ListWorkflows", {});
    // Assess
    expect(response.status).toBe(200);
  });
});

describe("any request", () => {
  it("gets a 200 or a 400 with a __type, never a 500 (200 random bodies over every operation)", async () => {
    // Prepare
    const fc = await import("fast-check");
    const { operations } = await import("../src/operations/index.ts");
    const names = Object.keys(operations);
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: "small" },
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("any"), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 8 }), tie("any"), { maxKeys: 3 }),
      ),
    })).any;
    const field = fc.constantFrom(
      "Name",
      "RunId",
      "JobName",
      "NodeIds",
      "Actions",
      "Type",
      "Predicate",
      "RunProperties",
      "MaxResults",
      "NextToken",
      "Tags",
      "Role",
      "Command",
      "Targets",
      "JobRunIds",
      "Names",
      "JobUpdate",
      "TriggerUpdate",
    );
    const body = fc.dictionary(field, fc.oneof(value, fc.constant("wf")), { maxKeys: 4 });
    // Act / Assess
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), body, async (operation, input) => {
        const response = await call(operation, input);
        expect([200, 400]).toContain(response.status);
        if (response.status === 400) expect(typeof response.body.__type).toBe("string");
      }),
      { numRuns: 200, seed: 20_260_105 },
    );
  });
});
