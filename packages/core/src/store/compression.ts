/**
 * Graphs are stored gzip-compressed in a binary attribute: a 100-node graph with
 * several JobRuns per job is ~200 KB as JSON and a few tens of KB compressed, which
 * keeps run items far from DynamoDB's 400 KB item limit.
 *
 * Level 1: a graph is compressed on every snapshot, on the hot path. Against the
 * default level 6 it takes about half the CPU for ~5 % more bytes (bench/README.md,
 * putSnapshot); gunzip reads either, so items written before stay readable.
 */
import { gunzipSync, gzipSync } from "node:zlib";

const LEVEL = 1;

export function compressJson(value: unknown): Uint8Array {
  return gzipSync(JSON.stringify(value), { level: LEVEL });
}

export function decompressJson<T>(bytes: Uint8Array): T {
  return JSON.parse(gunzipSync(bytes).toString("utf8")) as T;
}
