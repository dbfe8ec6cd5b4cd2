/**
 * The X-Ray tracer loads on Lambda only (docs/decisions/tracing-lambda-only.md): its
 * SDK turns on a Node async hook (cls-hooked) that taxes every promise, so tests, the
 * local runtime and the benches must not load it. Each case runs in a fresh Node
 * process, as a Lambda's init does, so the module cache and the hooks start empty.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { LAMBDA_ENV } from "../support/lambda-env.ts";

const run = promisify(execFile);

/** What a process saw after loading a handler module and creating a client the way core does. */
interface Probe {
  /** aws-xray-sdk-core / cls-hooked modules in the CommonJS cache. */
  xrayModules: string[];
  /** cls-hooked's registry of namespaces (X-Ray's is "AWSXRay"); absent when cls-hooked never loaded. */
  clsNamespaces: string[] | null;
  /** The DynamoDB client's middleware names. */
  middleware: string[];
}

const PROBE = `
import { createRequire } from "node:module";
await import("./packages/functions/src/ingest/handler.ts");
const { traceAwsClients } = await import("./packages/functions/src/shared/tracing.ts");
const { createDocumentClient } = await import("./packages/core/src/aws-clients/dynamodb.ts");
traceAwsClients("ingest");
const client = createDocumentClient();
const cache = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(JSON.stringify({
  xrayModules: cache.filter((file) => /node_modules\\/(aws-xray-sdk-core|cls-hooked)\\//.test(file)),
  clsNamespaces: process.namespaces ? Object.keys(process.namespaces) : null,
  middleware: client.middlewareStack.identify(),
}));
`;

/** Only what a local run has: no AWS_LAMBDA_* / AWS_EXECUTION_ENV from the test runner's shell. */
const BASE_ENV = {
  PATH: process.env.PATH ?? "",
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  POWERTOOLS_LOG_LEVEL: "SILENT",
};

async function probe(env: Record<string, string>): Promise<Probe> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", PROBE], {
    env: { ...BASE_ENV, ...env },
  });
  return JSON.parse(stdout) as Probe;
}

const xrayMiddleware = (probe: Probe) => probe.middleware.filter((name) => name.startsWith("XRaySDKInstrumentation"));

describe("tracing", () => {
  it("off Lambda, loading a handler loads no X-Ray SDK, no cls-hooked and wraps no client", async () => {
    // Act
    const seen = await probe({});

    // Assess
    expect(seen.xrayModules).toEqual([]);
    expect(seen.clsNamespaces).toBeNull();
    expect(xrayMiddleware(seen)).toEqual([]);
  });

  it("off Lambda with a function name but POWERTOOLS_TRACE_ENABLED=false, the tracer stays unloaded", async () => {
    // Act
    const seen = await probe({ ...LAMBDA_ENV, POWERTOOLS_TRACE_ENABLED: "false" });

    // Assess
    expect(seen.xrayModules).toEqual([]);
    expect(xrayMiddleware(seen)).toEqual([]);
  });

  it("on Lambda, the tracer loads and every client core creates carries X-Ray's middleware", async () => {
    // Act
    const seen = await probe(LAMBDA_ENV);

    // Assess
    expect(seen.clsNamespaces).toContain("AWSXRay");
    expect(xrayMiddleware(seen)).not.toEqual([]);
  });
});
