import type { SSTConfig } from "sst";
import { Storage } from "./stacks/Storage.ts";

export default {
  config(input) {
    return { name: "glue-run-tracker", region: input.region ?? "us-east-1" };
  },
  stacks(app) {
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", nodejs: { minify: true, format: "esm" } });
    app.stack(Storage);
  },
} satisfies SSTConfig;
