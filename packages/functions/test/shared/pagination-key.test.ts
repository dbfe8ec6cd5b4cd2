/**
 * The pagination key's rotation and its reading at cold start (issue 12, point 9).
 * There is no local Secrets Manager, so the SDK client is backed by a small
 * in-memory secret with Secrets Manager's versions and staging labels
 * (aws-sdk-client-mock), and driven through the same commands as on AWS.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createTokenCodec } from "../../../core/src/store/pagination.ts";
import { createRotationHandler } from "../../src/rotation/pagination-key.ts";
import { paginationKeysFromEnv } from "../../src/shared/pagination-keys.ts";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:PaginationSecret-abc";
const secretsManager = mockClient(SecretsManagerClient);

/** One secret: version id → value and labels, with Secrets Manager's label moves. */
function inMemorySecret(initial: string) {
  const versions = new Map<string, { value?: string; stages: string[] }>([
    ["v0", { value: initial, stages: ["AWSCURRENT"] }],
  ]);
  const notFound = () => Object.assign(new Error("not found"), { name: "ResourceNotFoundException" });
  secretsManager.on(DescribeSecretCommand).callsFake(() => ({
    RotationEnabled: true,
    VersionIdsToStages: Object.fromEntries([...versions].map(([id, v]) => [id, [...v.stages]])),
  }));
  secretsManager.on(GetSecretValueCommand).callsFake((input) => {
    const found = [...versions].find(
      ([id, v]) =>
        (!input.VersionId || id === input.VersionId) && v.stages.includes(input.VersionStage ?? "AWSCURRENT"),
    );
    if (!found?.[1].value) throw notFound();
    return { ARN, VersionId: found[0], SecretString: found[1].value };
  });
  secretsManager.on(PutSecretValueCommand).callsFake((input) => {
    versions.set(input.ClientRequestToken, {
      value: input.SecretString,
      stages: input.VersionStages ?? ["AWSCURRENT"],
    });
    return {};
  });
  secretsManager.on(UpdateSecretVersionStageCommand).callsFake((input) => {
    for (const [id, v] of versions) {
      v.stages = v.stages.filter((s) => s !== "AWSPREVIOUS" || input.VersionStage !== "AWSCURRENT");
      if (id === input.RemoveFromVersionId) {
        v.stages = v.stages.filter((s) => s !== input.VersionStage);
        if (input.VersionStage === "AWSCURRENT") v.stages.push("AWSPREVIOUS");
      }
      if (id === input.MoveToVersionId) v.stages = [...v.stages.filter((s) => s !== "AWSPENDING"), input.VersionStage];
    }
    return {};
  });
  return {
    versions,
    /** What Secrets Manager does before it invokes the function: a version id staged AWSPENDING. */
    startRotation(token: string) {
      versions.set(token, { stages: ["AWSPENDING"] });
    },
  };
}

const env = { PAGINATION_SECRET_ARN: ARN };
const client = () => new SecretsManagerClient({ region: "us-east-1" });
const lastKey = { pk: "WF#wf", sk: "RUN#wr_1" };

describe("pagination key", () => {
  beforeEach(() => secretsManager.reset());

  it("is read at cold start from the secret's ARN, never from the environment's value", async () => {
    // Prepare
    inMemorySecret("key-0");

    // Act
    const keys = await paginationKeysFromEnv(env, client());

    // Assess
    expect(keys).toEqual({ current: "key-0" });
  });

  it("rotates: a new key becomes current, the old one previous, and tokens signed with the old key still work", async () => {
    // Prepare
    const secret = inMemorySecret("key-0");
    const oldToken = createTokenCodec("key-0").encode(lastKey, "q");
    const rotate = createRotationHandler(client());

    // Act: Secrets Manager's four steps, createSecret twice (a retried step)
    secret.startRotation("t1");
    for (const Step of ["createSecret", "createSecret", "setSecret", "testSecret", "finishSecret"] as const) {
      await rotate({ Step, SecretId: ARN, ClientRequestToken: "t1" });
    }
    const keys = await paginationKeysFromEnv(env, client());

    // Assess
    expect(secret.versions.get("t1")?.stages).toEqual(["AWSCURRENT"]);
    expect(secret.versions.get("v0")?.stages).toEqual(["AWSPREVIOUS"]);
    expect(typeof keys === "object" && keys.current).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(keys).toMatchObject({ previous: "key-0" });
    expect(createTokenCodec(keys).decode(oldToken, "q")).toEqual(lastKey);
    expect(secretsManager.commandCalls(PutSecretValueCommand)).toHaveLength(1);
  });
});
