import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { ConfigName, type Env } from "../config.ts";
import { clientConfig } from "./config.ts";

export function createEventBridgeClient(env: Env = process.env): EventBridgeClient {
  return new EventBridgeClient(clientConfig(env, env[ConfigName.EventsEndpoint]));
}
