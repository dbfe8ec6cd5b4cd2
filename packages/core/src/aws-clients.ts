/**
 * AWS SDK clients built from configuration. On AWS no endpoint is set and the SDK's
 * defaults apply; locally and in tests the *_ENDPOINT settings point each client at
 * a loopback server (dynalite, glue-local, the local bus) with dummy credentials.
 *
 * One module per client, and core is `"sideEffects": false`: a function bundle
 * then imports only the SDK clients it uses (the read API needs DynamoDB alone),
 * which is most of a cold start.
 */

export { memberRoleCredentials } from "./accounts/credentials.ts";
export { instrumentAwsClientsWith } from "./aws-clients/config.ts";
export { createDocumentClient } from "./aws-clients/dynamodb.ts";
export { createEventBridgeClient } from "./aws-clients/eventbridge.ts";
export { createGlueClient } from "./aws-clients/glue.ts";
export { createSnsClient } from "./aws-clients/sns.ts";
export { createSqsClient, queueUrlFromArn } from "./aws-clients/sqs.ts";
