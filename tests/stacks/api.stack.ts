/**
 * The Api stack, synthesized offline: every route of the route table (and
 * `$default`) behind the IAM authorizer, each integrated with the function of its
 * IAM concern, and each function allowed exactly what it does.
 */
import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { glueActions } from "../../packages/core/src/glue/calls.ts";
import { ApiFunction, routeKey, routeList } from "../../packages/functions/src/api/routes.ts";
import { Api, ApiSettings, corsFor, READ_TABLE_ACTIONS, WRITE_TABLE_ACTIONS } from "../../stacks/Api.ts";
import { templateOf } from "../support/synth.ts";

/** The API and what it uses (Alerts is not needed, and its bundles cost time). */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
type Resources = Record<string, { Type: string; Properties: any }>;

let template: Template;
let resources: Resources;

beforeAll(async () => {
  template = await templateOf(Api);
  resources = template.toJSON().Resources as Resources;
}, 600_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

/** Logical id of the function a route's integration invokes. */
function functionOfRoute(route: { Properties: { Target: unknown } }): string {
  const target = JSON.stringify(route.Properties.Target);
  const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1] as string;
  const uri = JSON.stringify(resources[integrationId]?.Properties.IntegrationUri);
  return /"Fn::GetAtt":\["([^"]+)","Arn"\]/.exec(uri)?.[1] as string;
}

function functionId(prefix: string): string {
  const found = ofType("AWS::Lambda::Function").find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`No function ${prefix}`);
  return found[0];
}

/** Statements of the policy attached to a function's role, without SST's X-Ray statement. */
function statementsOf(fnId: string) {
  const role = JSON.stringify(resources[fnId]?.Properties.Role);
  const roleId = /"Fn::GetAtt":\["([^"]+)","Arn"\]/.exec(role)?.[1];
  const policies = ofType("AWS::IAM::Policy").filter(([, p]) =>
    JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
  );
  return policies
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
    .filter((s) => !String(s.Action).startsWith("xray:"));
}

const actionsOf = (statements: { Action: string | string[] }[]) =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();

describe("Api stack", () => {
  it("declares every route of the route table, plus $default, each behind the IAM authorizer", () => {
    const routes = ofType("AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties);

    expect(routes.map((r) => r.RouteKey).sort()).toEqual(["$default", ...routeList.map(routeKey)].sort());
    for (const route of routes) expect(route.AuthorizationType, route.RouteKey).toBe("AWS_IAM");
  });

  it("sends each route to the function of its IAM concern, and $default to read", () => {
    // Prepare
    const read = functionId("ApiRead");
    const commands = functionId("ApiCommands");
    const expected = new Map<string, string>([["$default", read]]);
    for (const route of routeList) expected.set(routeKey(route), route.fn === ApiFunction.Read ? read : commands);

    // Act
    const actual = new Map(
      ofType("AWS::ApiGatewayV2::Route").map(([, r]) => [r.Properties.RouteKey as string, functionOfRoute(r)]),
    );

    // Assess
    expect(actual).toEqual(expected);
    expect(ofType("AWS::Lambda::Function").filter(([id]) => id.startsWith("Api"))).toHaveLength(2);
  });

  it("lets the read function only read the table and its indexes, and the pagination key", () => {
    const statements = statementsOf(functionId("ApiRead"));

    expect(actionsOf(statements)).toEqual([...READ_TABLE_ACTIONS, "secretsmanager:GetSecretValue"].sort());
    expect(JSON.stringify(statements.find((s) => String(s.Action).startsWith("secretsmanager:"))?.Resource)).toMatch(
      /PaginationSecret/,
    );
    expect(JSON.stringify(statements)).toContain("/index/*");
    expect(JSON.stringify(statements)).not.toMatch(/glue:|events:|"\*"/);
  });

  it("lets the commands function call exactly six Glue actions on workflows, write the table and publish on the bus", () => {
    // Act
    const statements = statementsOf(functionId("ApiCommands"));
    const glue = statements.find((s) => String(s.Action).includes("glue:"));
    const events = statements.find((s) => String(s.Action).includes("events:"));

    // Assess
    expect(actionsOf(statements)).toEqual(
      [...glueActions("commands"), ...WRITE_TABLE_ACTIONS, "events:PutEvents"].sort(),
    );
    expect(JSON.stringify(glue?.Resource)).toMatch(/:glue:us-east-1:123456789012:workflow\/\*"/);
    expect(JSON.stringify(events?.Resource)).toMatch(/TrackerBus/);
  });

  it("rotates the pagination key on a schedule, with its own function", () => {
    template.hasResourceProperties("AWS::SecretsManager::RotationSchedule", {
      SecretId: { Ref: Match.stringLikeRegexp("^PaginationSecret") },
      RotationLambdaARN: { "Fn::GetAtt": [functionId("PaginationKeyRotation"), "Arn"] },
      RotationRules: { ScheduleExpression: `rate(${ApiSettings.paginationKeyRotationDays} days)` },
    });
  });

  it("writes JSON access logs with the request id, and throttles", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      AccessLogSettings: { Format: Match.stringLikeRegexp('"requestId":"\\$context\\.requestId"') },
      DefaultRouteSettings: {
        ThrottlingBurstLimit: ApiSettings.throttle.burst,
        ThrottlingRateLimit: ApiSettings.throttle.rate,
      },
    });
  });

  it("gives the functions their configuration: the pagination secret's ARN, never its value (issue 12, point 9)", () => {
    const env = (prefix: string) => resources[functionId(prefix)]?.Properties.Environment.Variables;

    expect(Object.keys(env("ApiRead"))).toEqual(
      expect.arrayContaining(["TRACKER_TABLE_NAME", "PAGINATION_SECRET_ARN"]),
    );
    expect(env("ApiRead").PAGINATION_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/^PaginationSecret/) });
    expect(env("ApiRead").PAGINATION_SECRET).toBeUndefined();
    expect(env("ApiCommands").PAGINATION_SECRET).toBeUndefined();
    expect(JSON.stringify(template.toJSON())).not.toContain("resolve:secretsmanager");
    expect(Object.keys(env("ApiCommands"))).toEqual(
      expect.arrayContaining(["TRACKER_TABLE_NAME", "TRACKER_BUS_NAME", "API_GLUE_TIMEOUT_MS"]),
    );
  });

  it("has no CORS unless a dashboard origin is configured", () => {
    const [api] = ofType("AWS::ApiGatewayV2::Api");

    expect(api?.[1].Properties.CorsConfiguration).toBeUndefined();
    expect(corsFor(undefined)).toBe(false);
    expect(corsFor("https://tracker.example.com")).toMatchObject({ allowOrigins: ["https://tracker.example.com"] });
  });
});
