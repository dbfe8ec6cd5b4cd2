/**
 * Rotation function of the pagination secret (Secrets Manager's four-step rotation
 * protocol). The key is only an HMAC key the read function checks tokens with, so
 * there is no other system to set or test: createSecret stages a new random key as
 * AWSPENDING, finishSecret makes it AWSCURRENT (Secrets Manager then labels the old
 * one AWSPREVIOUS, which the read function still accepts).
 * See docs/decisions/security-pagination-key.md.
 */
import { randomBytes } from "node:crypto";
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";

export interface RotationEvent {
  Step: "createSecret" | "setSecret" | "testSecret" | "finishSecret";
  SecretId: string;
  ClientRequestToken: string;
}

/** A fresh key: 36 random bytes, 48 URL-safe characters (as the stack's first key). */
export function newKey(): string {
  return randomBytes(36).toString("base64url");
}

/**
 * @example
 * const rotate = createRotationHandler(new SecretsManagerClient({}));
 * await rotate({ Step: "createSecret", SecretId: arn, ClientRequestToken: token });
 */
export function createRotationHandler(client: Pick<SecretsManagerClient, "send">) {
  return async (event: RotationEvent): Promise<void> => {
    const { SecretId, ClientRequestToken: token } = event;
    const described = await client.send(new DescribeSecretCommand({ SecretId }));
    const stages = described.VersionIdsToStages?.[token];
    if (!described.RotationEnabled) throw new Error(`Rotation is not enabled on ${SecretId}`);
    if (!stages) throw new Error(`Version ${token} of ${SecretId} is not staged for rotation`);

    switch (event.Step) {
      case "createSecret": {
        if (stages.includes("AWSCURRENT")) return;
        if (await pendingKeyStaged(client, SecretId, token)) return; // a retried step
        await client.send(
          new PutSecretValueCommand({
            SecretId,
            ClientRequestToken: token,
            SecretString: newKey(),
            VersionStages: ["AWSPENDING"],
          }),
        );
        return;
      }
      case "setSecret":
      case "testSecret":
        // Nothing outside Secrets Manager holds the key.
        return;
      case "finishSecret": {
        const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, labels]) =>
          labels.includes("AWSCURRENT"),
        )?.[0];
        if (current === token) return;
        await client.send(
          new UpdateSecretVersionStageCommand({
            SecretId,
            VersionStage: "AWSCURRENT",
            MoveToVersionId: token,
            RemoveFromVersionId: current,
          }),
        );
        return;
      }
      default:
        throw new Error(`Unknown rotation step ${(event as { Step: string }).Step}`);
    }
  };
}

async function pendingKeyStaged(client: Pick<SecretsManagerClient, "send">, SecretId: string, token: string) {
  try {
    const pending = await client.send(
      new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: "AWSPENDING" }),
    );
    return Boolean(pending.SecretString);
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") return false;
    throw error;
  }
}

let fromEnv: ReturnType<typeof createRotationHandler> | undefined;

/** The Lambda entry point Secrets Manager invokes. */
export const handler = (event: RotationEvent) => {
  fromEnv ??= createRotationHandler(new SecretsManagerClient({}));
  return fromEnv(event);
};
