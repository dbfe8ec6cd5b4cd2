/**
 * The dashboard's site (docs/decisions/dashboard-aws-auth.md): a private S3 bucket read
 * by CloudFront through origin access control only, HTTPS only, strict security headers,
 * and a CloudFront Function that routes the page's paths.
 */
import { Duration, RemovalPolicy, type Stack } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as s3 from "aws-cdk-lib/aws-s3";
import { NagSuppressions } from "cdk-nag";
import { ConfigName, type Env } from "../../packages/core/src/config.ts";

/** Where the page lives on the distribution (the page's `<base href>`). */
export const UI_PREFIX = "/ui/";

export const SiteSettings = { hstsMaxAge: Duration.days(730) } as const;

export interface SiteOptions {
  /** The site's own host name (with its ACM certificate in us-east-1). */
  customDomain?: string;
  certificateArn?: string;
  /** A WAF web ACL (CLOUDFRONT scope) in front of the distribution. */
  webAclArn?: string;
}

/**
 * The site's deploy-time options (all optional; a custom domain needs its certificate).
 *
 * @example
 * siteOptionsFromEnv({ DASHBOARD_DOMAIN_NAME: "tracker.example.com", DASHBOARD_CERTIFICATE_ARN: "arn:aws:acm:…" });
 */
export function siteOptionsFromEnv(env: Env): SiteOptions {
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
 * and the pool's hosted UI (token endpoint).
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

export interface Site {
  bucket: s3.Bucket;
  distribution: cloudfront.Distribution;
  /** `https://<host>` of the site. */
  origin: string;
}

/**
 * @param files the build's file names (relative to `/ui/`), for the router
 * @param csp the Content-Security-Policy (may be a lazy token)
 */
export function createSite(
  stack: Stack,
  props: { protect: boolean; options: SiteOptions; files: readonly string[]; csp: string },
): Site {
  const { protect, options } = props;
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
  const router = new cloudfront.Function(stack, "DashboardRouter", {
    comment: "Redirects / to /ui/ and serves /ui/index.html for the page's own paths",
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(routerCode(props.files)),
  });
  const headers = new cloudfront.ResponseHeadersPolicy(stack, "DashboardHeaders", {
    comment: "Security headers of the tracker dashboard",
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: props.csp, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: SiteSettings.hstsMaxAge,
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      // The sign-in callback URL carries the authorization code: never send it on.
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
  });
  const { customDomain, certificateArn, webAclArn } = options;
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
  const suppressions = [
    {
      id: "AwsSolutions-CFR1",
      reason:
        "The dashboard's users sign in from anywhere their team works; access is gated by Cognito, not by country.",
    },
  ];
  if (!webAclArn) {
    suppressions.push({
      id: "AwsSolutions-CFR2",
      reason: `WAF is optional (${ConfigName.DashboardWebAclArn}): the site is static files; the API requires a JWT and is throttled.`,
    });
  }
  if (!customDomain) {
    suppressions.push({
      id: "AwsSolutions-CFR4",
      reason: `The default *.cloudfront.net certificate cannot pin TLS 1.2; set ${ConfigName.DashboardDomainName} and ${ConfigName.DashboardCertificateArn} to get TLSv1.2_2021.`,
    });
  }
  NagSuppressions.addResourceSuppressions(distribution, suppressions);
  const origin = customDomain ? `https://${customDomain}` : `https://${distribution.distributionDomainName}`;
  return { bucket, distribution, origin };
}
