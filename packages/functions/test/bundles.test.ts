/**
 * Cold start is mostly loading the AWS SDK, so each API function's bundle should
 * import only the clients it calls. The read function touches the table alone; it
 * stays that way as long as core is `"sideEffects": false`, keeps one module per
 * client, and nothing on the read path reaches for a namespace (Commands, Ingest)
 * that drags other clients in. Bundled as the stack bundles it (functionBundling, stacks/bundling.ts).
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
});
