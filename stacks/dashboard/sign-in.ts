/**
 * The dashboard's sign-in (docs/decisions/dashboard-aws-auth.md): a Cognito user pool
 * where admins create users (TOTP MFA required, Plus threat protection), its hosted UI,
 * resource server `tracker` with scopes `read` / `operate`, the groups, the pre-token
 * trigger that grants scopes by group, and the dashboard's public PKCE client.
 */
import { Duration, RemovalPolicy, type Stack } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { NagSuppressions } from "cdk-nag";
import { Function as SstFunction } from "sst/constructs";
import { ConfigName } from "../../packages/core/src/config.ts";
import { DashboardGroup, RESOURCE_SERVER } from "../../packages/functions/src/dashboard-auth/access.ts";

export const SignInSettings = {
  /** Tokens last an hour; a session can be refreshed for a working day. */
  accessTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.hours(12),
  password: { minLength: 14, tempPasswordValidity: Duration.days(3) },
} as const;

export interface SignIn {
  userPool: cognito.UserPool;
  domain: cognito.UserPoolDomain;
  tracker: cognito.UserPoolResourceServer;
  readScope: cognito.ResourceServerScope;
  operateScope: cognito.ResourceServerScope;
}

/** The pool's token issuer (the ProviderURL attribute lacks the scheme the JWT authorizer needs). */
export function issuerOf(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** A hosted-UI domain prefix: lower-case letters, digits and hyphens (globally unique per region). */
export function signInDomainPrefix(appName: string, stage: string, configured: string | undefined): string {
  const prefix = (configured ?? `${appName}-${stage}`).toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix)) {
    throw new Error(
      `${ConfigName.DashboardSignInPrefix} "${prefix}" is not a valid Cognito domain prefix (a-z, 0-9, "-"; no aws/amazon/cognito)`,
    );
  }
  return prefix;
}

export function createSignIn(stack: Stack, options: { protect: boolean; domainPrefix: string }): SignIn {
  const { protect } = options;
  const userPool = new cognito.UserPool(stack, "DashboardUsers", {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    passwordPolicy: {
      minLength: SignInSettings.password.minLength,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: SignInSettings.password.tempPasswordValidity,
    },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    // Plus plan: threat protection (compromised credentials, risky sign-ins) and the
    // pre-token trigger's access-token scope changes; a few cents per active user.
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: protect,
    removalPolicy: protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    userInvitation: {
      emailSubject: "Your Glue Run Tracker dashboard account",
      emailBody:
        "You can now sign in to the Glue Run Tracker dashboard as {username} with the temporary password {####}. " +
        "You will choose a new password and set up an authenticator app at first sign-in.",
    },
  });
  const scopesByGroup = new SstFunction(stack, "DashboardTokenScopes", {
    handler: "packages/functions/src/dashboard-auth/pre-token.handler",
    description: "Grants the dashboard's tracker scopes by Cognito group",
    timeout: 5,
    memorySize: 256,
    logFormat: "JSON",
    environment: { POWERTOOLS_SERVICE_NAME: "glue-run-tracker-dashboard-auth" },
  });
  NagSuppressions.addResourceSuppressions(
    scopesByGroup,
    [
      { id: "AwsSolutions-IAM4", reason: "AWSLambdaBasicExecutionRole: writing its own logs is all it does." },
      { id: "AwsSolutions-IAM5", reason: "X-Ray PutTraceSegments/PutTelemetryRecords accept no resource but *." },
      { id: "AwsSolutions-L1", reason: "The app pins nodejs22.x for every function (Node 22 toolchain)." },
      {
        id: "Serverless-LambdaLatestVersion",
        reason: "The app pins nodejs22.x for every function (Node 22 toolchain).",
      },
      {
        id: "Serverless-LambdaDLQ",
        reason: "Cognito invokes it synchronously; a failure fails that sign-in, nothing to redrive.",
      },
    ],
    true,
  );
  userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, scopesByGroup, cognito.LambdaVersion.V2_0);
  const domain = userPool.addDomain("DashboardSignIn", { cognitoDomain: { domainPrefix: options.domainPrefix } });
  const readScope = new cognito.ResourceServerScope({ scopeName: "read", scopeDescription: "Read run history" });
  const operateScope = new cognito.ResourceServerScope({
    scopeName: "operate",
    scopeDescription: "Start, stop and resume runs; read and write run properties",
  });
  const tracker = userPool.addResourceServer("TrackerScopes", {
    identifier: RESOURCE_SERVER,
    scopes: [readScope, operateScope],
  });
  const groups = [
    { id: "Operators", name: DashboardGroup.Operators, precedence: 1, description: "Read history and act on runs" },
    { id: "Readers", name: DashboardGroup.Readers, precedence: 2, description: "Read history" },
  ];
  for (const group of groups) {
    new cognito.CfnUserPoolGroup(stack, group.id, {
      userPoolId: userPool.userPoolId,
      groupName: group.name,
      description: group.description,
      precedence: group.precedence,
    });
  }
  return { userPool, domain, tracker, readScope, operateScope };
}

/**
 * The dashboard's app client: public (no secret), authorization code flow only (the page
 * adds PKCE), both tracker scopes requested (the pre-token trigger keeps the granted ones).
 */
export function addDashboardClient(signIn: SignIn, urls: { callback: string; logout: string }): cognito.UserPoolClient {
  const { userPool, tracker, readScope, operateScope } = signIn;
  return userPool.addClient("DashboardClient", {
    generateSecret: false,
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [
        cognito.OAuthScope.OPENID,
        cognito.OAuthScope.EMAIL,
        cognito.OAuthScope.resourceServer(tracker, readScope),
        cognito.OAuthScope.resourceServer(tracker, operateScope),
      ],
      callbackUrls: [urls.callback],
      logoutUrls: [urls.logout],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: SignInSettings.accessTokenValidity,
    idTokenValidity: SignInSettings.accessTokenValidity,
    refreshTokenValidity: SignInSettings.refreshTokenValidity,
  });
}
