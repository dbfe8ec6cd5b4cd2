/**
 * Two @aws-sdk/client-eventbridge versions live in this checkout: 3.1169 (core's, what the
 * handlers use) and 3.699 (hoisted, pulled in by sst). The endpoint must accept both.
 */
import { createRequire } from "node:module";
import * as hoisted from "@aws-sdk/client-eventbridge";

// Types of core's copy, so its commands fit core's createEventBridgeClient().
type CoreEventBridgeSdk = typeof import("../../../core/node_modules/@aws-sdk/client-eventbridge");

const requireFromCore = createRequire(new URL("../../../core/package.json", import.meta.url));

export const coreEventBridgeSdk = requireFromCore("@aws-sdk/client-eventbridge") as CoreEventBridgeSdk;
export const hoistedEventBridgeSdk = hoisted;

export function sdkVersion(sdk: "core" | "hoisted"): string {
  const base = sdk === "core" ? requireFromCore : createRequire(import.meta.url);
  return (base("@aws-sdk/client-eventbridge/package.json") as { version: string }).version;
}

export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };
