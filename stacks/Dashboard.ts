/**
 * The dashboard on AWS (docs/decisions/dashboard-aws-auth.md):
 *
 * - Site: a private S3 bucket behind CloudFront (origin access control, HTTPS only,
 *   strict security headers), the page under `/ui/` with its `config.json`; a
 *   CloudFront Function redirects `/` to `/ui/` and answers any `/ui/<path>` that is
 *   not a file of the build with `/ui/index.html` (the page routes itself).
 * - Sign-in: a Cognito user pool (admins create users; TOTP MFA required), its hosted
 *   UI, resource server `tracker` with scopes `read` / `operate`, a public app client
 *   (authorization code + PKCE, no secret), groups `tracker-readers` /
 *   `tracker-operators`, and a pre-token trigger that grants scopes by group.
 * - API: a second HTTP API (`DashboardApi`) over the same two functions as the IAM
 *   API, every route behind the pool's JWT authorizer with the scope of its route
 *   (an HTTP API route takes one authorizer, and automation keeps IAM on TrackerApi).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Duration, Lazy, RemovalPolicy } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as cognito from "aws-cdk-lib/aws-cognito";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { NagSuppressions } from "cdk-nag";
import {
  type ApiProps,
  type ApiRouteProps,
  Api as HttpApi,
  Function as SstFunction,
  type StackContext,
  use,
} from "sst/constructs";
import { ConfigName, type Env } from "../packages/core/src/config.ts";
import { routeKey, routeList } from "../packages/functions/src/api/routes.ts";
import {
  DashboardGroup,
  DashboardScope,
  RESOURCE_SERVER,
  scopeOfRoute,
} from "../packages/functions/src/dashboard-auth/access.ts";
import { ACCESS_LOG_FORMAT, Api, ApiSettings } from "./Api.ts";
// The page's build. Until packages/dashboard/src/build.ts is merged, a placeholder with
// the same names: switch this one import to "../packages/dashboard/src/build.ts".
import { buildDashboard, writeDashboard } from "./dashboard-build.ts";
import { isProtectedStage } from "./Storage.ts";

/** Where the page lives on the distribution (the page's `<base href>`). */
export const UI_PREFIX = "/ui/";

export const DashboardSettings = {
  /** Tokens last an hour; a session can be refreshed for a working day. */
  accessTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.hours(12),
  password: { minLength: 14, tempPasswordValidity: Duration.days(3) },
  hstsMaxAge: Duration.days(730),
} as const;

const JWT_AUTHORIZER = "CognitoJwt";

/**
 * The CloudFront Function (viewer request) that routes the site: `/` and `/ui` redirect
 * to `/ui/`; a `/ui/…` path that is not a file of the build gets `/ui/index.html`
 * (SPA fallback, also for names with dots such as `/ui/workflows/etl.v2`).
 */
export function routerCode(files: readonly string[]): string {
  const known = Object.fromEntries(files.map((f) => [UI_PREFIX + f, true]));
  return `var FILES = ${JSON.stringify(known)};
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === "/" || uri === "" || uri === "/ui") {
    return { statusCode: 302, statusDescription: "Found", headers: { location: { value: "${UI_PREFIX}" } } };
  }
  if (uri.indexOf("${UI_PREFIX}") === 0 && !FILES[uri]) request.uri = "${UI_PREFIX}index.html";
  return request;
}`;
}

/**
 * The page's Content-Security-Policy: its own files, and fetches only to the tracker API
 * and the pool's hosted UI (token endpoint). `apiOrigin` is the API's exact origin when
 * it can be known before the distribution exists (see docs/decisions/dashboard-aws-auth.md).
 */
export function contentSecurityPolicy(apiOrigin: string, signInOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${apiOrigin} ${signInOrigin}`,
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "upgrade-insecure-requests",
  ].join("; ");
}

/**
 * CORS of the dashboard API: the site's origin only, bearer tokens (no cookies).
 *
 * @example
 * dashboardCors("https://d111111abcdef8.cloudfront.net");
 */
export function dashboardCors(origin: string): ApiProps["cors"] {
  return {
    allowOrigins: [origin],
    allowMethods: ["GET", "POST", "PUT"],
    allowHeaders: ["authorization", "content-type"],
    allowCredentials: false,
    maxAge: ApiSettings.corsMaxAge,
  };
}

/**
 * The site's deploy-time options (all optional; a custom domain needs its certificate).
 *
 * @example
 * siteOptionsFromEnv({ DASHBOARD_DOMAIN_NAME: "tracker.example.com", DASHBOARD_CERTIFICATE_ARN: "arn:aws:acm:…" });
 */
export function siteOptionsFromEnv(env: Env): { customDomain?: string; certificateArn?: string; webAclArn?: string } {
  const customDomain = env[ConfigName.DashboardDomainName] || undefined;
  const certificateArn = env[ConfigName.DashboardCertificateArn] || undefined;
  const webAclArn = env[ConfigName.DashboardWebAclArn] || undefined;
  if ((customDomain === undefined) !== (certificateArn === undefined)) {
    throw new Error(`Set both ${ConfigName.DashboardDomainName} and ${ConfigName.DashboardCertificateArn}, or neither`);
  }
  if (
    customDomain !== undefined &&
    !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(customDomain)
  ) {
    throw new Error(`${ConfigName.DashboardDomainName} must be a lower-case host name such as tracker.example.com`);
  }
  return { customDomain, certificateArn, webAclArn };
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

export async function Dashboard({ stack, app }: StackContext) {
  const { read, commands } = use(Api);
  const protect = isProtectedStage(app.stage);
  const { customDomain, certificateArn, webAclArn } = siteOptionsFromEnv(process.env);

  // --- Sign-in ---------------------------------------------------------------------
  const userPool = new cognito.UserPool(stack, "DashboardUsers", {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    passwordPolicy: {
      minLength: DashboardSettings.password.minLength,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: DashboardSettings.password.tempPasswordValidity,
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
  userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, scopesByGroup, cognito.LambdaVersion.V2_0);
  const signIn = userPool.addDomain("DashboardSignIn", {
    cognitoDomain: {
      domainPrefix: signInDomainPrefix(app.name, app.stage, process.env[ConfigName.DashboardSignInPrefix]),
    },
  });
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

  // --- Site --------------------------------------------------------------------------
  const logs = new s3.Bucket(stack, "DashboardLogs", {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    // CloudFront standard logs are delivered with an ACL grant.
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(365) }],
    removalPolicy: protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !protect,
  });
  NagSuppressions.addResourceSuppressions(logs, [
    { id: "AwsSolutions-S1", reason: "This is the access-log bucket; logging it into itself would loop." },
  ]);
  const bucket = new s3.Bucket(stack, "DashboardSite", {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    serverAccessLogsBucket: logs,
    serverAccessLogsPrefix: "s3/",
    removalPolicy: protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !protect,
  });

  const build = await buildDashboard({ minify: true });
  const siteDir = await mkdtemp(join(tmpdir(), "tracker-dashboard-"));
  await writeDashboard(siteDir);
  const router = new cloudfront.Function(stack, "DashboardRouter", {
    comment: "Redirects / to /ui/ and serves /ui/index.html for the page's own paths",
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(routerCode([...Object.keys(build.files), "config.json"])),
  });

  // The API's exact origin can be in the CSP only when the site's origin is known before
  // the distribution exists (a custom domain); otherwise the API's CORS origin would need
  // the distribution and the distribution's CSP the API: a cycle. Then the region's
  // execute-api hosts are allowed (still https only, still this region).
  const siteOrigin = customDomain ? `https://${customDomain}` : undefined;
  let apiOrigin = `https://*.execute-api.${stack.region}.amazonaws.com`;
  const csp = Lazy.string({ produce: () => contentSecurityPolicy(apiOrigin, signIn.baseUrl()) });

  const headers = new cloudfront.ResponseHeadersPolicy(stack, "DashboardHeaders", {
    comment: "Security headers of the tracker dashboard",
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: DashboardSettings.hstsMaxAge,
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      // The sign-in callback URL carries the authorization code: never send it on.
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
  });
  const distribution = new cloudfront.Distribution(stack, "DashboardCdn", {
    comment: "Glue Run Tracker dashboard",
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      functionAssociations: [{ function: router, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    },
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    ...(customDomain && certificateArn
      ? {
          domainNames: [customDomain],
          certificate: acm.Certificate.fromCertificateArn(stack, "DashboardCertificate", certificateArn),
        }
      : {}),
    ...(webAclArn ? { webAclId: webAclArn } : {}),
    enableLogging: true,
    logBucket: logs,
    logFilePrefix: "cloudfront/",
  });
  const origin = siteOrigin ?? `https://${distribution.distributionDomainName}`;
  const nagDistribution = [
    {
      id: "AwsSolutions-CFR1",
      reason:
        "The dashboard's users sign in from anywhere their team works; access is gated by Cognito, not by country.",
    },
  ];
  if (!webAclArn) {
    nagDistribution.push({
      id: "AwsSolutions-CFR2",
      reason: `WAF is optional (${ConfigName.DashboardWebAclArn}): the site is static files; the API requires a JWT and is throttled.`,
    });
  }
  if (!customDomain) {
    nagDistribution.push({
      id: "AwsSolutions-CFR4",
      reason: `The default *.cloudfront.net certificate cannot pin TLS 1.2; set ${ConfigName.DashboardDomainName} and ${ConfigName.DashboardCertificateArn} to get TLSv1.2_2021.`,
    });
  }
  NagSuppressions.addResourceSuppressions(distribution, nagDistribution);

  // --- Sign-in client (needs the site's URL) and the API's routes (need the client) ----
  const client = userPool.addClient("DashboardClient", {
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
      callbackUrls: [`${origin}${UI_PREFIX}callback`],
      logoutUrls: [`${origin}${UI_PREFIX}`],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: DashboardSettings.accessTokenValidity,
    idTokenValidity: DashboardSettings.accessTokenValidity,
    refreshTokenValidity: DashboardSettings.refreshTokenValidity,
  });
  const functions = { read, commands };
  const routes: Record<string, ApiRouteProps<typeof JWT_AUTHORIZER>> = {
    $default: { cdk: { function: read }, authorizer: JWT_AUTHORIZER, authorizationScopes: [DashboardScope.Read] },
  };
  for (const route of routeList) {
    routes[routeKey(route)] = {
      cdk: { function: functions[route.fn] },
      authorizer: JWT_AUTHORIZER,
      authorizationScopes: [scopeOfRoute(route)],
    };
  }
  const api = new HttpApi(stack, "DashboardApi", {
    routes,
    authorizers: {
      // Access tokens carry the app client as client_id, which API Gateway checks as the audience.
      [JWT_AUTHORIZER]: {
        type: "jwt",
        jwt: { issuer: issuerOf(stack.region, userPool.userPoolId), audience: [client.userPoolClientId] },
      },
    },
    defaults: {
      authorizer: JWT_AUTHORIZER,
      authorizationScopes: [DashboardScope.Read],
      throttle: ApiSettings.throttle,
    },
    accessLog: { format: ACCESS_LOG_FORMAT, retention: ApiSettings.accessLogRetention },
    cors: dashboardCors(origin),
  });
  if (siteOrigin) apiOrigin = api.url;

  new s3deploy.BucketDeployment(stack, "DashboardFiles", {
    sources: [
      s3deploy.Source.asset(siteDir),
      s3deploy.Source.jsonData("config.json", {
        apiBaseUrl: api.url,
        auth: {
          kind: "cognito",
          domain: signIn.baseUrl(),
          clientId: client.userPoolClientId,
          redirectUri: `${origin}${UI_PREFIX}callback`,
          scopes: { read: DashboardScope.Read, operate: DashboardScope.Operate },
        },
      }),
    ],
    destinationBucket: bucket,
    destinationKeyPrefix: UI_PREFIX.slice(1),
    distribution,
    distributionPaths: [`${UI_PREFIX}*`],
    // File names are not content-hashed: browsers revalidate (ETag) instead of caching blind.
    cacheControl: [s3deploy.CacheControl.noCache()],
    memoryLimit: 256,
  });

  suppressManagedHandlers(stack);
  NagSuppressions.addResourceSuppressions(
    scopesByGroup,
    [
      {
        id: "AwsSolutions-IAM4",
        reason: "AWSLambdaBasicExecutionRole: writing its own logs is all this function does.",
      },
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
  stack.addOutputs({
    DashboardUrl: `${origin}${UI_PREFIX}`,
    DashboardApiEndpoint: api.url,
    UserPoolId: userPool.userPoolId,
    UserPoolClientId: client.userPoolClientId,
    SignInDomain: signIn.baseUrl(),
  });
  return { userPool, client, api, distribution, bucket };
}

/**
 * The Lambda handlers CDK and SST add themselves (BucketDeployment's file copier, SST's
 * stack metadata handler): their code, runtime and role are the libraries', not ours.
 */
function suppressManagedHandlers(stack: StackContext["stack"]): void {
  const reason = "Handler created and maintained by CDK/SST (deploy-time only); its runtime and role are theirs.";
  const ids = [
    "AwsSolutions-IAM4",
    "AwsSolutions-IAM5",
    "AwsSolutions-L1",
    "Serverless-LambdaDLQ",
    "Serverless-LambdaLatestVersion",
    "Serverless-LambdaTracing",
  ];
  for (const child of stack.node.children) {
    if (child.node.id === "CustomResourceHandler" || child.node.id.startsWith("Custom::CDKBucketDeployment")) {
      NagSuppressions.addResourceSuppressions(
        child,
        ids.map((id) => ({ id, reason })),
        true,
      );
    }
  }
}
