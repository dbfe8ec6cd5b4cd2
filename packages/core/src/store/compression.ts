/**
 * Graphs are stored gzip-compressed in a binary attribute: a 100-node graph with
 * several JobRuns per job is ~200 KB as JSON and a few tens of KB compressed, which
 * keeps run items far from DynamoDB's 400 KB item limit.
 */
import { gunzipSync, gzipSync } from "node:zlib";

export function compressJson(value: unknown): Uint8Array {
  return gzipSync(JSON.stringify(value));
}

export function decompressJson<T>(bytes: Uint8Array): T {
  return JSON.parse(gunzipSync(bytes).toString("utf8")) as T;
}
