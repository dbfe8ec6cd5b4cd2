/**
 * How every function is bundled (the app's default function props, sst.config.ts):
 * minified ESM, and `@aws-sdk/*` external because the nodejs22.x runtime ships SDK
 * v3 (SST v2 bundles it into ESM functions otherwise, ~0.35 MB more per function).
 * zod 4 is hoisted to the root (one copy), so esbuild bundles it once.
 */
export const functionBundling = {
  minify: true,
  format: "esm" as const,
  esbuild: { external: ["@aws-sdk/*"] },
};
