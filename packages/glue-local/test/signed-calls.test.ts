/** Which credentials signed each call: tests of several "accounts" prove whose keys reached which one. */
import { GlueClient, ListWorkflowsCommand } from "@aws-sdk/client-glue";
import { afterEach, describe, expect, it } from "vitest";
import { startTestGlue, type TestGlue } from "./support/glue.ts";

let t: TestGlue | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe("signed calls", () => {
  it("records each call's operation and the access key id of its SigV4 signature", async () => {
    // Prepare
    t = await startTestGlue();
    const other = new GlueClient({
      endpoint: t.glue.endpoint,
      region: "eu-west-1",
      credentials: { accessKeyId: "ASIA2222222222220001", secretAccessKey: "s", sessionToken: "t" },
    });
    // Act
    await t.client.send(new ListWorkflowsCommand({}));
    await other.send(new ListWorkflowsCommand({}));
    await fetch(t.glue.endpoint, {
      method: "POST",
      headers: { "x-amz-target": "AWSGlue.ListWorkflows", "content-type": "application/x-amz-json-1.1" },
      body: "{}",
    });
    other.destroy();
    // Assess
    expect(t.glue.signedCalls).toEqual([
      { operation: "ListWorkflows", accessKeyId: "local" },
      { operation: "ListWorkflows", accessKeyId: "ASIA2222222222220001" },
      { operation: "ListWorkflows", accessKeyId: undefined },
    ]);
  });
});
