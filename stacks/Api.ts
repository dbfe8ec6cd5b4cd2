/**
 * The tracker HTTP API (docs/architecture.md#http-api-and-auth): API Gateway HTTP API → two Lambda
 * functions, one per IAM concern, every route from the one route table in
 * packages/functions (so the stack, the handlers and the OpenAPI document agree).
 *
 * - Auth: IAM (SigV4) on every route, `$default` included. The browser dashboard
 *   calls the same two functions through its own JWT-authorized API (stacks/Dashboard.ts).
 * - `read` (history, /openapi.json, and `$default`, which answers unknown paths 404
 *   and wrong methods 405 in the API's error shape): GetItem/Query on the table and
 *   its indexes, and GetSecretValue on the pagination secret (read at cold start).
 * - `commands` (start, stop, resume, run properties): exactly the six Glue
 *   workflow-run actions on the workflows in the command scope (stacks/command-scope.ts),
 *   item writes on the table (recording the run), PutEvents on the tracker bus.
 * - Access logs (JSON, with the request id the handlers log and return),
 *   throttling, CORS only for the configured dashboard origin.
 */

import { Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { NagSuppressions } from "cdk-nag";
import { type ApiProps, Api as HttpApi, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { ConfigName } from "../packages/core/src/config.ts";
import { priceEnvironment } from "../packages/core/src/insights/prices.ts";
import { ApiFunction, routeKey, routeList } from "../packages/functions/src/api/routes.ts";
import { DEFAULT_GLUE_TIMEOUT_MS } from "../packages/functions/src/api/settings.ts";
import { commandScopeFromEnv, GLUE_WORKFLOW_RESOURCE, GLUE_WORKFLOW_WILDCARD_REASON } from "./command-scope.ts";
import { glueCommandStatement } from "./glue-grants.ts";
import { Ingest } from "./Ingest.ts";
import { trackAccounts } from "./member-access.ts";
import { Storage, tableKeyAccess } from "./Storage.ts";

/** The API's settings, in one place (the synth test reads them too). */
export const ApiSettings = {
  throttle: { rate: 50, burst: 100 },
  readTimeoutSeconds: 10,
  /** Glue timeout + recording, well inside API Gateway's 30 s integration limit. */
  commandsTimeoutSeconds: 20,
  accessLogRetention: "one_month",
  corsMaxAge: "1 day",
  /** The pagination key is replaced this often; tokens signed with the previous key stay valid one more period. */
  paginationKeyRotationDays: 30,
} as const;

export const READ_TABLE_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query"] as const;
export const WRITE_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:Query",
  "dynamodb:BatchWriteItem",
] as const;

export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  caller: "$context.identity.userArn",
  requestTime: "$context.requestTime",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  latencyMs: "$context.responseLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
});

/**
 * CORS for the dashboard's origin (DASHBOARD_ORIGIN at deploy time); none without one,
 * so browsers on other origins cannot call the API.
 *
 * @example
 * corsFor("https://tracker.example.com"); // { allowOrigins: ["https://tracker.example.com"], … }
 */
export function corsFor(origin: string | undefined): ApiProps["cors"] {
  if (!origin) return false;
  return {
    allowOrigins: [origin],
    allowMethods: ["GET", "POST", "PUT"],
    // SigV4-signed requests from a browser carry these.
    allowHeaders: ["authorization", "content-type", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"],
    maxAge: ApiSettings.corsMaxAge,
  };
}

export function Api({ stack }: StackContext) {
  const { table, tableKey } = use(Storage);
  const { bus } = use(Ingest);
  const tableArns = [table.tableArn, `${table.tableArn}/index/*`];

  // The HMAC key of nextTokens: generated per stage, rotated by its own function; the read
  // function gets the secret's ARN and reads the key at cold start (never its value in the
  // template or environment; docs/decisions/security-pagination-key.md).
  const paginationSecret = new secretsmanager.Secret(stack, "PaginationSecret", {
    description: "HMAC key that makes the tracker API's nextTokens tamper-evident",
    generateSecretString: { passwordLength: 48, excludePunctuation: true },
  });
  const rotation = new SstFunction(stack, "PaginationKeyRotation", {
    handler: "packages/functions/src/rotation/pagination-key.handler",
    timeout: 30,
    description: "Rotates the pagination HMAC key (Secrets Manager rotation steps)",
  });
  paginationSecret.addRotationSchedule("Rotation", {
    rotationLambda: rotation,
    automaticallyAfter: Duration.days(ApiSettings.paginationKeyRotationDays),
  });
  NagSuppressions.addResourceSuppressions(
    rotation,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "CDK's rotation grant adds secretsmanager:GetRandomPassword, which has no resource type; X-Ray's tracing actions neither.",
        appliesTo: ["Resource::*"],
      },
    ],
    true,
  );
  const retentionDays = process.env[ConfigName.RunRetentionDays];
  const environment: Record<string, string> = {
    [ConfigName.TableName]: table.tableName,
    ...(retentionDays ? { [ConfigName.RunRetentionDays]: retentionDays } : {}),
    POWERTOOLS_SERVICE_NAME: "glue-run-tracker-api",
  };

  const read = new SstFunction(stack, "ApiRead", {
    handler: "packages/functions/src/api/read.handler",
    timeout: ApiSettings.readTimeoutSeconds,
    memorySize: 512,
    environment: { ...environment, [ConfigName.PaginationSecretArn]: paginationSecret.secretArn },
    permissions: [
      new iam.PolicyStatement({ actions: [...READ_TABLE_ACTIONS], resources: tableArns }),
      // Both labels: AWSCURRENT signs, AWSPREVIOUS still verifies tokens from before a rotation.
      new iam.PolicyStatement({ actions: ["secretsmanager:GetSecretValue"], resources: [paginationSecret.secretArn] }),
      ...tableKeyAccess(stack, tableKey, "read"),
    ],
  });
  const commands = new SstFunction(stack, "ApiCommands", {
    handler: "packages/functions/src/api/commands.handler",
    timeout: ApiSettings.commandsTimeoutSeconds,
    memorySize: 512,
    environment: {
      ...environment,
      [ConfigName.TrackerBusName]: bus.eventBusName,
      [ConfigName.ApiGlueTimeoutMs]: String(DEFAULT_GLUE_TIMEOUT_MS),
      // Commands record the runs they start or resume: costed like ingest's (GLUE_*PRICE*).
      ...priceEnvironment(process.env),
    },
    permissions: [
      // The workflows in the deployment's command scope (COMMAND_WORKFLOW_PREFIX / COMMAND_RESOURCE_TAG).
      // Exactly the calls the commands make (GlueCalls.commands in core/src/glue/calls.ts).
      glueCommandStatement(stack, "commands", commandScopeFromEnv(process.env)),
      new iam.PolicyStatement({ actions: [...WRITE_TABLE_ACTIONS], resources: tableArns }),
      ...tableKeyAccess(stack, tableKey, "write"),
      new iam.PolicyStatement({ actions: ["events:PutEvents"], resources: [bus.eventBusArn] }),
    ],
  });
  NagSuppressions.addResourceSuppressions(
    commands,
    [
      {
        id: "AwsSolutions-IAM5",
        reason: GLUE_WORKFLOW_WILDCARD_REASON,
        appliesTo: [{ regex: GLUE_WORKFLOW_RESOURCE }],
      },
    ],
    true,
  );
  // Several accounts: the accounts configuration; commands get the member roles' operate access.
  trackAccounts(read, "read");
  trackAccounts(commands, "commands");
  const functions = { [ApiFunction.Read]: read, [ApiFunction.Commands]: commands };

  const routes: NonNullable<ApiProps["routes"]> = { $default: { cdk: { function: read } } };
  for (const route of routeList) routes[routeKey(route)] = { cdk: { function: functions[route.fn] } };

  const api = new HttpApi(stack, "TrackerApi", {
    routes,
    defaults: { authorizer: "iam", throttle: ApiSettings.throttle },
    accessLog: { format: ACCESS_LOG_FORMAT, retention: ApiSettings.accessLogRetention },
    cors: corsFor(process.env[ConfigName.DashboardOrigin]),
  });

  stack.addOutputs({ ApiEndpoint: api.url, OpenApiUrl: `${api.url}/openapi.json` });
  return { api, read, commands };
}
