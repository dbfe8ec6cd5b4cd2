import { defineConfig } from "vitest/config";

// Loud guard: a run on Node < 22 means `npm ci` skipped the `node` devDependency's install script.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  throw new Error(`Tests need Node >= 22 (got ${process.versions.node}); run them through npm scripts after npm ci.`);
}

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "tests/**/*.test.ts"],
    // Synth tests (CDK + esbuild) are heavy; forks isolate their memory.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test" },
  },
});
