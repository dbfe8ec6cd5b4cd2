import { Match } from "aws-cdk-lib/assertions";
import type { App } from "sst/constructs";
import { describe, expect, it } from "vitest";
import { TrackerTable } from "../../packages/core/src/store/table.ts";
import { Storage } from "../../stacks/Storage.ts";
import { templateOf } from "../support/synth.ts";

/** A production-like stage, synthesized with the Storage stack alone (no handler bundling). */
const storageOnly = (app: App) => {
  app.stack(Storage);
};

describe("Storage stack", () => {
  it("creates the table from core's definition: pk/sk, both GSIs, on-demand", async () => {
    // Prepare & Act
    const template = await templateOf(Storage);
    // Assess
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: Match.arrayWith(
        TrackerTable.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      ),
      GlobalSecondaryIndexes: TrackerTable.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    });
  });

  it("enables TTL on ExpiresAt and point-in-time recovery", async () => {
    const template = await templateOf(Storage);
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      TimeToLiveSpecification: { AttributeName: "ExpiresAt", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("lets a throw-away stage (test) delete its table", async () => {
    const template = await templateOf(Storage);
    const [table] = Object.values(template.findResources("AWS::DynamoDB::Table"));
    expect(table?.DeletionPolicy).toBe("Delete");
    expect(table?.Properties.DeletionProtectionEnabled).toBe(false);
  });

  it("protects the table on other stages: deletion protection and RETAIN", async () => {
    // Prepare & Act
    const template = await templateOf(Storage, { stage: "prod", stacks: storageOnly });
    // Assess
    template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });
});
