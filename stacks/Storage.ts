/**
 * The tracker's DynamoDB table, built from the single definition in core
 * (`TrackerTable`: keys, GSIs, TTL attribute, on-demand billing) so the stack and
 * the local runtime/tests cannot drift.
 *
 * Data protection: point-in-time recovery always; deletion protection and
 * RemovalPolicy.RETAIN on every stage except the throw-away ones
 * (EPHEMERAL_STAGES), so `sst remove` of a shared or production stage can never
 * drop the run history. Personal stages are protected too (safe by default); add
 * a stage here to make it disposable.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import { type StackContext, Table, type TableProps } from "sst/constructs";
import { TrackerTable } from "../packages/core/src/store/table.ts";

/** Stages whose table may be deleted with the stage. */
export const EPHEMERAL_STAGES: ReadonlySet<string> = new Set(["dev", "test", "ci"]);

export function isProtectedStage(stage: string): boolean {
  return !EPHEMERAL_STAGES.has(stage);
}

const FIELD_TYPES = { S: "string", N: "number", B: "binary" } as const;

export function Storage({ stack, app }: StackContext) {
  const protect = isProtectedStage(app.stage);
  const fields: TableProps["fields"] = {};
  for (const attribute of TrackerTable.attributes) fields[attribute.name] = FIELD_TYPES[attribute.type];
  const globalIndexes: TableProps["globalIndexes"] = {};
  for (const index of TrackerTable.globalIndexes) {
    globalIndexes[index.name] = { partitionKey: index.partitionKey, sortKey: index.sortKey, projection: "all" };
  }
  const table = new Table(stack, "Runs", {
    fields,
    primaryIndex: { partitionKey: TrackerTable.partitionKey, sortKey: TrackerTable.sortKey },
    globalIndexes,
    timeToLiveAttribute: TrackerTable.timeToLiveAttribute,
    cdk: {
      table: {
        // SST passes the deprecated `pointInTimeRecovery`; CDK refuses both at once.
        pointInTimeRecovery: undefined,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: protect,
        removalPolicy: protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      },
    },
  });
  stack.addOutputs({ TableName: table.tableName });
  return { table };
}
