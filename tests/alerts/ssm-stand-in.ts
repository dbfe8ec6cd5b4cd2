/**
 * A loopback SSM (GetParameters only) for the tests of the Slack secret: on AWS the
 * secret is read through `sst/node/config`, which fetches bound secrets from SSM
 * when the module loads (once per process, so each scenario is its own test file).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const SECRET_ENV = {
  SST_APP: "glue-run-tracker",
  SST_STAGE: "test",
  SST_REGION: "us-east-1",
  SST_SSM_PREFIX: "/sst/glue-run-tracker/test/",
  SST_Secret_value_SLACK_WEBHOOK_URL: "__FETCH_FROM_SSM__",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
};

export interface SsmStandIn {
  /** The parameter names of every GetParameters call, in order. */
  asked: string[][];
  stop(): Promise<void>;
}

/** Serves `storedValue` for every name (undefined: every name is an InvalidParameter) and points the SDK at it. */
export async function startSsmStandIn(storedValue: string | undefined): Promise<SsmStandIn> {
  const asked: string[][] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const names = (JSON.parse(body) as { Names: string[] }).Names;
      asked.push(names);
      const parameters = storedValue === undefined ? [] : names.map((Name) => ({ Name, Value: storedValue }));
      response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      response.end(
        JSON.stringify({ Parameters: parameters, InvalidParameters: storedValue === undefined ? names : [] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, SECRET_ENV, { AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${port}` });
  return {
    asked,
    async stop() {
      for (const name of [...Object.keys(SECRET_ENV), "AWS_ENDPOINT_URL_SSM"]) delete process.env[name];
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function slackWebhookUrlWithWarnings(): Promise<{ url: string | undefined; warnings: string[] }> {
  const { slackWebhookUrl } = await import("../../packages/functions/src/shared/wiring/alerts.ts");
  const warnings: string[] = [];
  const url = await slackWebhookUrl(process.env, { warn: (message: string) => void warnings.push(message) } as never);
  return { url, warnings };
}
