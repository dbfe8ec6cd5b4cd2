/**
 * The Dashboard stack, synthesized offline (the shared synth of app.test.ts): the
 * private site behind CloudFront with its security headers and SPA routing, the
 * Cognito pool and its PKCE client, the JWT-authorized dashboard API over the same
 * functions as the IAM API, and no route of any API left open.
 */
import { runInNewContext } from "node:vm";
import type { Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { routeKey, routeList } from "../../packages/functions/src/api/routes.ts";
import {
  DashboardGroup,
  DashboardScope,
  RESOURCE_SERVER,
  scopeOfRoute,
} from "../../packages/functions/src/dashboard-auth/access.ts";
import { Dashboard } from "../../stacks/Dashboard.ts";
import { SignInSettings, signInDomainPrefix } from "../../stacks/dashboard/sign-in.ts";
import { contentSecurityPolicy, routerCode, SiteSettings, siteOptionsFromEnv } from "../../stacks/dashboard/site.ts";
import { synthApp, templateOf } from "../support/synth.ts";

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
type Resources = Record<string, { Type: string; Properties: any; DeletionPolicy?: string }>;

let template: Template;
let resources: Resources;

beforeAll(async () => {
  template = await templateOf(Dashboard);
  resources = template.toJSON().Resources as Resources;
}, 600_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resources[string]];
};
const idOf = (type: string, prefix: string) => {
  const found = ofType(type).find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`No ${type} ${prefix}`);
  return found[0];
};

describe("Dashboard stack: site", () => {
  it("keeps the files in a private, encrypted bucket that refuses plain HTTP", () => {
    const siteId = idOf("AWS::S3::Bucket", "DashboardSite");
    const site = resources[siteId]?.Properties;

    expect(site.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(site.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: "AES256",
    });
    expect(site.LoggingConfiguration).toMatchObject({ LogFilePrefix: "s3/" });
    const policy = ofType("AWS::S3::BucketPolicy").find(([, p]) =>
      JSON.stringify(p.Properties.Bucket).includes(siteId),
    );
    const statements = policy?.[1].Properties.PolicyDocument.Statement as { Effect: string; Condition?: unknown }[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    // Readable by CloudFront only, through the origin access control.
    expect(JSON.stringify(statements)).toContain("cloudfront.amazonaws.com");
    expect(JSON.stringify(statements)).not.toMatch(/"Principal":"\*","Action":"s3:GetObject"/);
  });

  it("empties and deletes its buckets with the stage only on throw-away stages (this is 'test')", () => {
    expect(ofType("Custom::S3AutoDeleteObjects")).toHaveLength(2);
    for (const [, bucket] of ofType("AWS::S3::Bucket")) expect(bucket.DeletionPolicy).toBe("Delete");
  });

  it("serves it through CloudFront over HTTPS only, via origin access control, with the headers policy and router", () => {
    const [, oac] = only("AWS::CloudFront::OriginAccessControl");
    const [, distribution] = only("AWS::CloudFront::Distribution");
    const config = distribution.Properties.DistributionConfig;

    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: "s3",
      SigningBehavior: "always",
      SigningProtocol: "sigv4",
    });
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: "https-only",
      AllowedMethods: ["GET", "HEAD"],
      ResponseHeadersPolicyId: { Ref: idOf("AWS::CloudFront::ResponseHeadersPolicy", "DashboardHeaders") },
      FunctionAssociations: [
        {
          EventType: "viewer-request",
          FunctionARN: { "Fn::GetAtt": [idOf("AWS::CloudFront::Function", "DashboardRouter"), "FunctionARN"] },
        },
      ],
    });
    expect(config.Logging).toMatchObject({ Prefix: "cloudfront/" });
  });

  it("sends a strict CSP allowing only the API and the sign-in origins, HSTS, no-sniff and frame DENY", () => {
    const [, policy] = only("AWS::CloudFront::ResponseHeadersPolicy");
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);

    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toMatch(
      /connect-src 'self' https:\/\/\*\.execute-api\.us-east-1\.amazonaws\.com https:\/\/",\{"Ref":"DashboardUsersDashboardSignIn\w+"\},"\.auth\.us-east-1\.amazoncognito\.com;/,
    );
    expect(headers.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: SiteSettings.hstsMaxAge.toSeconds(),
      IncludeSubdomains: true,
      Override: true,
    });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: "DENY", Override: true });
  });

  it("uses the API's exact origin in the CSP when it is known", () => {
    expect(contentSecurityPolicy("https://abc.execute-api.eu-west-1.amazonaws.com", "https://x.auth")).toContain(
      "connect-src 'self' https://abc.execute-api.eu-west-1.amazonaws.com https://x.auth;",
    );
  });

  it("routes with the deployed CloudFront Function: / → /ui/, page paths → index.html, files untouched", () => {
    // Prepare: the function's code exactly as deployed, run as CloudFront runs it.
    const [, fn] = only("AWS::CloudFront::Function");
    expect(fn.Properties.FunctionConfig.Runtime).toBe("cloudfront-js-2.0");
    const sandbox: { handler?: (event: unknown) => unknown } = {};
    runInNewContext(`${fn.Properties.FunctionCode}\nthis.handler = handler;`, sandbox);
    const route = (uri: string) => sandbox.handler?.({ request: { uri, headers: {} } }) as Record<string, unknown>;

    // Act & Assess
    for (const root of ["/", "/ui"]) {
      expect(route(root)).toMatchObject({ statusCode: 302, headers: { location: { value: "/ui/" } } });
    }
    for (const page of ["/ui/", "/ui/failures", "/ui/workflows/etl.v2/runs/wr_1", "/ui/callback", "/ui/x.js"]) {
      expect(route(page)).toMatchObject({ uri: "/ui/index.html" });
    }
    for (const file of ["/ui/index.html", "/ui/app.js", "/ui/app.css", "/ui/config.json"]) {
      expect(route(file)).toMatchObject({ uri: file });
    }
    expect(route("/other")).toMatchObject({ uri: "/other" });
    expect(routerCode(["app.js"])).toContain('"/ui/app.js":true');
  });

  it("deploys the build and config.json under ui/, with the API URL and sign-in settings, and invalidates /ui/*", () => {
    const [, deployment] = only("Custom::CDKBucketDeployment");
    const props = deployment.Properties;
    const markers = JSON.stringify(props.SourceMarkers);

    expect(props).toMatchObject({ DestinationBucketKeyPrefix: "ui/", DistributionPaths: ["/ui/*"], Prune: true });
    expect(props.SourceObjectKeys).toHaveLength(2);
    expect(markers).toContain(`"Fn::GetAtt":["${idOf("AWS::ApiGatewayV2::Api", "DashboardApi")}","ApiEndpoint"]`);
    expect(markers).toContain(`{"Ref":"${idOf("AWS::Cognito::UserPoolClient", "DashboardUsersDashboardClient")}"}`);
    expect(markers).toMatch(/\.auth\.us-east-1\.amazoncognito\.com/);
    expect(markers).toContain("/ui/callback");
  });
});

describe("Dashboard stack: deploy options", () => {
  it("takes a custom domain only with its certificate, and a WAF web ACL on its own", () => {
    const certificate = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
    expect(siteOptionsFromEnv({})).toEqual({});
    expect(
      siteOptionsFromEnv({ DASHBOARD_DOMAIN_NAME: "tracker.example.com", DASHBOARD_CERTIFICATE_ARN: certificate }),
    ).toEqual({ customDomain: "tracker.example.com", certificateArn: certificate });
    expect(siteOptionsFromEnv({ DASHBOARD_WEB_ACL_ARN: "arn:aws:wafv2:x" })).toEqual({ webAclArn: "arn:aws:wafv2:x" });
    expect(() => siteOptionsFromEnv({ DASHBOARD_DOMAIN_NAME: "tracker.example.com" })).toThrow(/or neither/);
    expect(() => siteOptionsFromEnv({ DASHBOARD_CERTIFICATE_ARN: certificate })).toThrow(/or neither/);
    expect(() =>
      siteOptionsFromEnv({
        DASHBOARD_DOMAIN_NAME: "https://tracker.example.com/",
        DASHBOARD_CERTIFICATE_ARN: certificate,
      }),
    ).toThrow(/host name/);
  });
});

describe("Dashboard stack: sign-in", () => {
  it("has a user pool with no self sign-up, a strong password policy, TOTP MFA required and threat protection", () => {
    const [, pool] = only("AWS::Cognito::UserPool");

    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: "ON",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      Policies: {
        PasswordPolicy: {
          MinimumLength: SignInSettings.password.minLength,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      // Deletion protection only outside dev/test/ci (stacks/Storage.ts EPHEMERAL_STAGES).
      DeletionProtection: "INACTIVE",
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: { "Fn::GetAtt": [idOf("AWS::Lambda::Function", "DashboardTokenScopes"), "Arn"] },
          LambdaVersion: "V2_0",
        },
      },
    });
  });

  it("has a hosted-UI domain, the tracker resource server with read and operate, and the two groups", () => {
    const [, domain] = only("AWS::Cognito::UserPoolDomain");
    const [, server] = only("AWS::Cognito::UserPoolResourceServer");

    expect(domain.Properties.Domain).toBe(signInDomainPrefix("glue-run-tracker", "test", undefined));
    expect(server.Properties.Identifier).toBe(RESOURCE_SERVER);
    expect(
      server.Properties.Scopes.map((s: { ScopeName: string }) => `${RESOURCE_SERVER}/${s.ScopeName}`).sort(),
    ).toEqual(Object.values(DashboardScope).sort());
    expect(
      ofType("AWS::Cognito::UserPoolGroup")
        .map(([, g]) => g.Properties.GroupName)
        .sort(),
    ).toEqual(Object.values(DashboardGroup).sort());
  });

  it("has a public app client: authorization code only (PKCE in the page), no secret, callback on the site", () => {
    const [, client] = only("AWS::Cognito::UserPoolClient");
    const distribution = idOf("AWS::CloudFront::Distribution", "DashboardCdn");
    const siteUrl = (path: string) => ({
      "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distribution, "DomainName"] }, path]],
    });

    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ["COGNITO"],
      CallbackURLs: [siteUrl("/ui/callback")],
      LogoutURLs: [siteUrl("/ui/")],
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
    });
    expect(client.Properties.ExplicitAuthFlows).not.toContain("ALLOW_USER_PASSWORD_AUTH");
    expect(JSON.stringify(client.Properties.AllowedOAuthScopes)).toMatch(
      /"\/read"\]\]\},\{"Fn::Join":\["",\[\{"Ref":"[^"]+"\},"\/operate"/,
    );
  });

  it("validates the hosted-UI domain prefix", () => {
    expect(signInDomainPrefix("glue-run-tracker", "Pat_Dev", undefined)).toBe("glue-run-tracker-pat-dev");
    expect(signInDomainPrefix("x", "y", "acme-tracker")).toBe("acme-tracker");
    expect(() => signInDomainPrefix("x", "y", "my-aws-tracker")).toThrow(/DASHBOARD_SIGN_IN_PREFIX/);
    expect(() => signInDomainPrefix("x", "y", "-")).toThrow(/not a valid Cognito domain prefix/);
  });
});

describe("Dashboard stack: API", () => {
  it("puts a JWT authorizer of the pool (issuer) and the app client (audience) in front of the dashboard API", () => {
    const [, authorizer] = only("AWS::ApiGatewayV2::Authorizer");

    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Audience: [{ Ref: idOf("AWS::Cognito::UserPoolClient", "DashboardUsersDashboardClient") }],
        Issuer: {
          "Fn::Join": [
            "",
            ["https://cognito-idp.us-east-1.amazonaws.com/", { Ref: idOf("AWS::Cognito::UserPool", "DashboardUsers") }],
          ],
        },
      },
    });
  });

  it("requires the JWT with tracker/read on every read route and $default, tracker/operate on every command route", () => {
    // Prepare
    const [authorizerId] = only("AWS::ApiGatewayV2::Authorizer");
    const expected = new Map<string, string[]>([["$default", [DashboardScope.Read]]]);
    for (const route of routeList) expected.set(routeKey(route), [scopeOfRoute(route)]);

    // Act
    const routes = ofType("AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties);

    // Assess
    expect(new Map(routes.map((r) => [r.RouteKey, r.AuthorizationScopes]))).toEqual(expected);
    for (const route of routes) {
      expect(route, route.RouteKey).toMatchObject({ AuthorizationType: "JWT", AuthorizerId: { Ref: authorizerId } });
    }
    expect(expected.get("POST /workflows/{name}/runs/{runId}/resume")).toEqual([DashboardScope.Operate]);
    expect(expected.get("GET /workflows/{name}/runs")).toEqual([DashboardScope.Read]);
  });

  it("integrates the same two functions as the IAM API (read for $default)", () => {
    const integrations = ofType("AWS::ApiGatewayV2::Integration").map(([, i]) =>
      JSON.stringify(i.Properties.IntegrationUri),
    );

    expect(integrations).toHaveLength(routeList.length + 1);
    const read = integrations.filter((uri) => /ExportsOutputFnGetAttApiRead\w+Arn/.test(uri)).length;
    const commands = integrations.filter((uri) => /ExportsOutputFnGetAttApiCommands\w+Arn/.test(uri)).length;
    expect(read).toBe(routeList.filter((r) => r.fn === "read").length + 1);
    expect(commands).toBe(routeList.filter((r) => r.fn === "commands").length);
    expect(
      ofType("AWS::Lambda::Function")
        .map(([id]) => id)
        .filter((id) => id.startsWith("Api")),
    ).toEqual([]);
  });

  it("allows CORS from the CloudFront origin only, with bearer tokens, no credentials", () => {
    const [, api] = only("AWS::ApiGatewayV2::Api");

    expect(api.Properties.CorsConfiguration).toEqual({
      AllowOrigins: [
        {
          "Fn::Join": [
            "",
            ["https://", { "Fn::GetAtt": [idOf("AWS::CloudFront::Distribution", "DashboardCdn"), "DomainName"] }],
          ],
        },
      ],
      AllowMethods: ["GET", "POST", "PUT"],
      AllowHeaders: ["authorization", "content-type"],
      AllowCredentials: false,
      MaxAge: 86_400,
    });
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      AccessLogSettings: { Format: Match.stringLikeRegexp('"requestId":"\\$context\\.requestId"') },
    });
  });

  it("outputs the dashboard URL, the user pool, the client and the sign-in domain", () => {
    const outputs = Object.keys(template.toJSON().Outputs ?? {});
    expect(outputs).toEqual(
      expect.arrayContaining([
        "DashboardUrl",
        "UserPoolId",
        "UserPoolClientId",
        "SignInDomain",
        "DashboardApiEndpoint",
      ]),
    );
  });
});

describe("every API of the app", () => {
  it("leaves no route open: each takes IAM or the JWT authorizer, none is NONE", async () => {
    // Prepare
    const app = await synthApp();
    const stacks = app.node.children.filter((c): c is Stack => "templateOptions" in c);

    // Act
    const routes = stacks.flatMap((stack) =>
      Object.values(Template.fromStack(stack).findResources("AWS::ApiGatewayV2::Route")).map((r) => ({
        stack: stack.stackName,
        key: r.Properties.RouteKey as string,
        auth: r.Properties.AuthorizationType as string | undefined,
      })),
    );

    // Assess: both APIs are there, and every route is authenticated.
    expect(new Set(routes.map((r) => r.stack))).toEqual(
      new Set(["test-glue-run-tracker-Api", "test-glue-run-tracker-Dashboard"]),
    );
    expect(routes).toHaveLength(2 * (routeList.length + 1));
    for (const route of routes) expect(["AWS_IAM", "JWT"], `${route.stack} ${route.key}`).toContain(route.auth);
  });
});
