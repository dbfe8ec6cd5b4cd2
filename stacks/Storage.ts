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
 *
 * Encryption at rest: DynamoDB's AWS-owned key by default; with TABLE_KMS_KEY_ARN set
 * at deploy time, that customer-managed key (its key policy must let the account's
 * IAM principals use it); every function with table access then gets the key actions
 * it needs through `tableKeyAccess`, only via DynamoDB.
 */
import { RemovalPolicy, Stack } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import { type StackContext, Table, type TableProps } from "sst/constructs";
import { ConfigName } from "../packages/core/src/config.ts";
import { checkConfig } from "../packages/core/src/config-schema.ts";
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
  // Checked by the one configuration schema (a multi-region key/mrk-… is a key too).
  const { [ConfigName.TableKmsKeyArn]: keyArn } = checkConfig(process.env, { only: [ConfigName.TableKmsKeyArn] });
  const tableKey = keyArn ? kms.Key.fromKeyArn(stack, "TableKey", keyArn) : undefined;
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
        ...(tableKey
          ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: tableKey }
          : { encryption: dynamodb.TableEncryption.DEFAULT }),
      },
    },
  });
  stack.addOutputs({ TableName: table.tableName });
  return { table, tableKey };
}

const KEY_ACTIONS = {
  read: ["kms:Decrypt", "kms:DescribeKey"],
  write: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
} as const;

/**
 * What a function with table access needs of the table's customer-managed key: nothing
 * without one; else the key actions (as CDK's table grants give them), only through DynamoDB.
 *
 * @example
 * permissions: [new iam.PolicyStatement({ actions: [...READ_TABLE_ACTIONS], resources: tableArns }), ...tableKeyAccess(stack, tableKey, "read")]
 */
export function tableKeyAccess(
  scope: Stack,
  tableKey: kms.IKey | undefined,
  access: "read" | "write",
): iam.PolicyStatement[] {
  if (!tableKey) return [];
  return [
    new iam.PolicyStatement({
      actions: [...KEY_ACTIONS[access]],
      resources: [tableKey.keyArn],
      conditions: { StringEquals: { "kms:ViaService": `dynamodb.${Stack.of(scope).region}.amazonaws.com` } },
    }),
  ];
}
