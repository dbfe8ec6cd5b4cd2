/**
 * The local AWS endpoint speaks exactly the SQS and EventBridge operations the tracker's
 * own SDK clients send (packages/core/src, packages/functions/src, the CLIs included):
 * a new command in that code fails here until the endpoint serves it (or it is listed as
 * AWS-only, with a local fallback), and an operation nobody sends any more fails here too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EVENTS_OPERATIONS, SQS_OPERATIONS } from "../../src/aws-endpoint/index.ts";

/**
 * Sent only on AWS: the redrive's native path (core ingest/native-redrive.ts) reads the queues'
 * ARNs and starts a message-move task; the local endpoint answers UnknownOperation and the
 * CLI falls back to receive → send → delete.
 */
const AWS_ONLY_SQS = ["GetQueueAttributes", "ListMessageMoveTasks", "StartMessageMoveTask"];

const SOURCE_ROOTS = ["packages/core/src", "packages/functions/src"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Operation names of the `…Command` classes imported (for their value) from an AWS SDK client. */
function commandsImported(source: string, client: string): string[] {
  const pattern = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*"@aws-sdk/client-${client}"`, "g");
  return [...source.matchAll(pattern)].flatMap((match) =>
    (match[1] ?? "")
      .split(",")
      .map((name) => name.trim().split(/\s+as\s+/)[0] ?? "")
      .filter((name) => name.endsWith("Command") && !name.startsWith("type "))
      .map((name) => name.slice(0, -"Command".length)),
  );
}

function operationsSent(client: string): string[] {
  const files = SOURCE_ROOTS.flatMap(sourceFiles);
  return [...new Set(files.flatMap((file) => commandsImported(readFileSync(file, "utf8"), client)))].sort();
}

describe("the local AWS endpoint serves what the tracker's SDK clients send", () => {
  it("SQS: every operation sent is served (or AWS-only with a fallback), and every one served is sent", () => {
    // Act
    const sent = operationsSent("sqs");

    // Assess
    expect(sent.filter((operation) => !AWS_ONLY_SQS.includes(operation))).toEqual([...SQS_OPERATIONS].sort());
    expect(sent.filter((operation) => AWS_ONLY_SQS.includes(operation))).toEqual(AWS_ONLY_SQS);
  });

  it("EventBridge: PutEvents only", () => {
    // Act
    const sent = operationsSent("eventbridge");

    // Assess
    expect(sent).toEqual([...EVENTS_OPERATIONS].sort());
  });

  it("reads value imports, not type-only ones", () => {
    // Act
    const found = commandsImported(
      'import {\n  ReceiveMessageCommand,\n  type SQSClient,\n  type SendMessageCommand,\n  DeleteMessageBatchCommand as Delete,\n} from "@aws-sdk/client-sqs";',
      "sqs",
    );

    // Assess
    expect(found).toEqual(["ReceiveMessage", "DeleteMessageBatch"]);
  });
});
