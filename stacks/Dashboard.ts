/**
 * The dashboard on AWS (docs/decisions/dashboard-aws-auth.md):
 *
 * - Site (dashboard/site.ts): a private S3 bucket behind CloudFront (origin access
 *   control, HTTPS only, strict security headers), the page under `/ui/` with its
 *   `config.json`; `/` redirects to `/ui/`, page paths get `/ui/index.html`.
 * - Sign-in (dashboard/sign-in.ts): a Cognito user pool (admins create users; TOTP MFA
 *   required), its hosted UI, scopes `tracker/read` / `tracker/operate` granted by group,
 *   a public app client (authorization code + PKCE, no secret).
 * - API: a second HTTP API (`DashboardApi`) over the same two functions as the IAM API,
 *   every route behind the pool's JWT authorizer with the scope of its route (an HTTP
 *   API route takes one authorizer, and automation keeps IAM on TrackerApi).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Lazy } from "aws-cdk-lib";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { NagSuppressions } from "cdk-nag";
import { type ApiProps, type ApiRouteProps, Api as HttpApi, type StackContext, use } from "sst/constructs";
import { ConfigName } from "../packages/core/src/config.ts";
import { writeDashboard } from "../packages/dashboard/src/build.ts";
import { routeKey, routeList } from "../packages/functions/src/api/routes.ts";
import { DashboardScope, scopeOfRoute } from "../packages/functions/src/dashboard-auth/access.ts";
import { ACCESS_LOG_FORMAT, Api, ApiSettings } from "./Api.ts";
import { addDashboardClient, createSignIn, issuerOf, signInDomainPrefix } from "./dashboard/sign-in.ts";
import { contentSecurityPolicy, createSite, siteOptionsFromEnv, UI_PREFIX } from "./dashboard/site.ts";
import { isProtectedStage } from "./Storage.ts";

const JWT_AUTHORIZER = "CognitoJwt";

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

export async function Dashboard({ stack, app }: StackContext) {
  const { read, commands } = use(Api);
  const protect = isProtectedStage(app.stage);
  const options = siteOptionsFromEnv(process.env);

  const signIn = createSignIn(stack, {
    protect,
    domainPrefix: signInDomainPrefix(app.name, app.stage, process.env[ConfigName.DashboardSignInPrefix]),
  });

  // The API's exact origin can be in the CSP only when the site's origin is known before
  // the distribution exists (a custom domain); otherwise the API's CORS origin would need
  // the distribution and the distribution's CSP the API: a cycle. Then the region's
  // execute-api hosts are allowed (still https only, still this region).
  let apiOrigin = `https://*.execute-api.${stack.region}.amazonaws.com`;
  const siteDir = await mkdtemp(join(tmpdir(), "tracker-dashboard-"));
  const builtFiles = await writeDashboard(siteDir, { minify: true });
  const site = createSite(stack, {
    protect,
    options,
    files: [...builtFiles, "config.json"],
    csp: Lazy.string({ produce: () => contentSecurityPolicy(apiOrigin, signIn.domain.baseUrl()) }),
  });
  const callback = `${site.origin}${UI_PREFIX}callback`;
  const client = addDashboardClient(signIn, { callback, logout: `${site.origin}${UI_PREFIX}` });

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
        jwt: { issuer: issuerOf(stack.region, signIn.userPool.userPoolId), audience: [client.userPoolClientId] },
      },
    },
    defaults: {
      authorizer: JWT_AUTHORIZER,
      authorizationScopes: [DashboardScope.Read],
      throttle: ApiSettings.throttle,
    },
    accessLog: { format: ACCESS_LOG_FORMAT, retention: ApiSettings.accessLogRetention },
    cors: dashboardCors(site.origin),
  });
  if (options.customDomain) apiOrigin = api.url;

  new s3deploy.BucketDeployment(stack, "DashboardFiles", {
    sources: [
      s3deploy.Source.asset(siteDir),
      // The page's runtime configuration (the dashboard contract's config.json).
      s3deploy.Source.jsonData("config.json", {
        apiBaseUrl: api.url,
        auth: {
          kind: "cognito",
          domain: signIn.domain.baseUrl(),
          clientId: client.userPoolClientId,
          redirectUri: callback,
          scopes: { read: DashboardScope.Read, operate: DashboardScope.Operate },
        },
      }),
    ],
    destinationBucket: site.bucket,
    destinationKeyPrefix: UI_PREFIX.slice(1),
    distribution: site.distribution,
    distributionPaths: [`${UI_PREFIX}*`],
    // File names are not content-hashed: browsers revalidate (ETag) instead of caching blind.
    cacheControl: [s3deploy.CacheControl.noCache()],
    memoryLimit: 256,
  });
  suppressManagedHandlers(stack);

  stack.addOutputs({
    DashboardUrl: `${site.origin}${UI_PREFIX}`,
    DashboardApiEndpoint: api.url,
    UserPoolId: signIn.userPool.userPoolId,
    UserPoolClientId: client.userPoolClientId,
    SignInDomain: signIn.domain.baseUrl(),
  });
  return { userPool: signIn.userPool, client, api, distribution: site.distribution, bucket: site.bucket };
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
