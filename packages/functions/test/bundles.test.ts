/**
 * Cold start is mostly loading the AWS SDK, so each API function's bundle should
 * import only the clients it calls. The read function touches the table alone; it
 * stays that way as long as core is `"sideEffects": false`, keeps one module per
 * client, and nothing on the read path reaches for a namespace (Commands, Ingest)
 * that drags other clients in. Bundled as the stack bundles it (functionBundling, stacks/bundling.ts).
 * The API bundles also leave out what their routes never run: croner (schedules), the
 * DDSketch library and its protobuf codec (the stats need only the key mapping), and
 * zod's translated messages (`import * as z`, never `import { z }`, which keeps the whole
 * namespace). Sizes are figures for bench/api, not assertions.
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { functionBundling } from "../../../stacks/bundling.ts";

async function bundle(entry: string) {
  return build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "esnext",
    mainFields: ["module", "main"],
    outfile: "out.mjs",
    ...functionBundling.esbuild,
    metafile: true,
    logLevel: "silent",
  });
}

async function sdkImports(entry: string): Promise<string[]> {
  const result = await bundle(entry);
  const code = result.outputFiles.map((file) => file.text).join("\n");
  return [...new Set(code.match(/@aws-sdk\/[a-z0-9-]+/g) ?? [])].sort();
}

describe("function bundles", () => {
  it("read imports only the DynamoDB clients and Secrets Manager's (the pagination key)", async () => {
    expect(await sdkImports("packages/functions/src/api/read.ts")).toEqual([
      "@aws-sdk/client-dynamodb",
      "@aws-sdk/client-secrets-manager",
      "@aws-sdk/lib-dynamodb",
    ]);
  }, 60_000);

  it("commands imports Glue, DynamoDB and EventBridge only", async () => {
    expect(await sdkImports("packages/functions/src/api/commands.ts")).toEqual([
      "@aws-sdk/client-dynamodb",
      "@aws-sdk/client-eventbridge",
      "@aws-sdk/client-glue",
      // Imported on first use, by a member account's Glue client only (docs/decisions/accounts-credentials.md).
      "@aws-sdk/credential-providers",
      "@aws-sdk/lib-dynamodb",
    ]);
  }, 60_000);

  it.each(["api/read.ts", "ingest/handler.ts", "alerts/handler.ts"])(
    "%s bundles one copy of zod (hoisted to the root)",
    async (entry) => {
      const { metafile } = await bundle(`packages/functions/src/${entry}`);
      const copies = Object.keys(metafile.inputs).filter((file) => file.endsWith("zod/v4/core/core.js"));
      expect(copies).toEqual(["node_modules/zod/v4/core/core.js"]);
    },
    60_000,
  );

  /** The bundle's output files and the inputs that kept bytes in them (metafile.inputs also lists modules tree-shaken away). */
  async function keptBundle(entry: string): Promise<{ outputs: string[]; kept: string[] }> {
    const { metafile } = await bundle(entry);
    const kept = Object.values(metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => file),
    );
    return { outputs: Object.keys(metafile.outputs), kept };
  }

  async function keptInputs(entry: string): Promise<string[]> {
    return (await keptBundle(entry)).kept;
  }

  // zod's default (English) messages stay; the other locales are what `import { z }` costs.
  const foreignZodLocale = (file: string) =>
    file.includes("node_modules/zod/v4/locales/") && !file.endsWith("/locales/en.js");

  // The X-Ray tracer too: the API functions never load it (docs/decisions/tracing-lambda-only.md).
  const UNUSED_BY_API =
    /node_modules\/(croner|protobufjs|@protobufjs|long|@datadog\/sketches-js|aws-xray-sdk-core|@aws-lambda-powertools\/tracer)\//;

  it.each(["api/read.ts", "api/commands.ts"])(
    "%s carries no croner, DDSketch/protobufjs, X-Ray tracer or zod locales",
    async (entry) => {
      const unwanted = (await keptInputs(`packages/functions/src/${entry}`)).filter(
        (file) => UNUSED_BY_API.test(file) || foreignZodLocale(file),
      );
      expect(unwanted).toEqual([]);
    },
    60_000,
  );

  // Imported on Lambda only, at init (docs/decisions/tracing-lambda-only.md): it must stay inlined in the one file.
  it.each([
    "ingest/handler.ts",
    "alerts/handler.ts",
    "reconciler/handler.ts",
    "resume/handler.ts",
    "resume/worker.ts",
    "digest/handler.ts",
  ])(
    "%s carries the X-Ray tracer in its one output file",
    async (entry) => {
      const { outputs, kept } = await keptBundle(`packages/functions/src/${entry}`);
      expect(outputs).toHaveLength(1);
      expect(kept.some((file) => file.startsWith("node_modules/@aws-lambda-powertools/tracer/"))).toBe(true);
      expect(kept.some((file) => file.startsWith("node_modules/aws-xray-sdk-core/"))).toBe(true);
    },
    60_000,
  );

  it.each([
    "ingest/handler.ts",
    "alerts/handler.ts",
    "reconciler/handler.ts",
    "resume/handler.ts",
    "digest/handler.ts",
  ])(
    "%s carries no zod locales",
    async (entry) => {
      expect((await keptInputs(`packages/functions/src/${entry}`)).filter(foreignZodLocale)).toEqual([]);
    },
    60_000,
  );
});
