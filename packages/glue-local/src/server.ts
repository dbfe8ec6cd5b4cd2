/**
 * The AWS JSON 1.1 wire: `POST /` with `X-Amz-Target: AWSGlue.<Operation>`, JSON in and out,
 * errors as HTTP 400 `{"__type": "...Exception", "message": "..."}`. Bad requests (no target,
 * unknown operation, malformed JSON) get a 400 with a `__type`, never a 500 or a dropped
 * connection; only a bug in glue-local answers InternalServiceException 500.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { SeedValidationError } from "@glue-run-tracker/glue-model";
import type { GlueEngine } from "./engine/index.ts";
import { GlueLocalError, SerializationError, ThrottlingError, UnknownOperationError } from "./errors.ts";
import { operations } from "./operations/index.ts";

const TARGET_PREFIX = "AWSGlue.";
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const CONTENT_TYPE = "application/x-amz-json-1.1";

/** Faults applied to every call; mutable so tests and demos can turn them on and off. */
export interface Faults {
  throttleRate: number;
  latencyMs: number;
}

/** Whose credentials signed a call: the access key id of its SigV4 Authorization header. */
export interface SignedCall {
  operation: string;
  /** undefined for an unsigned request. */
  accessKeyId: string | undefined;
}

/** How many signed calls are remembered (the most recent). */
const SIGNED_CALLS_KEPT = 1_000;

export interface ServerDependencies {
  engine: GlueEngine;
  faults: Faults;
  random: () => number;
  /** Appended to on every call (tests prove which credentials reached which account). */
  signedCalls: SignedCall[];
}

interface Reply {
  status: number;
  body: unknown;
  errorType?: string;
}

export function createGlueServer(deps: ServerDependencies): Server {
  const server = createServer((req, res) => {
    handle(deps, req)
      .then((reply) => send(res, reply))
      .catch((error: unknown) => send(res, internalError(error)));
  });
  server.keepAliveTimeout = 5_000;
  return server;
}

async function handle(deps: ServerDependencies, req: IncomingMessage): Promise<Reply> {
  let raw: string;
  try {
    raw = await readBody(req);
  } catch (error) {
    return errorReply(
      error instanceof GlueLocalError ? error : new SerializationError("Could not read the request body"),
    );
  }
  if (req.method === "GET" && (req.url === "/" || req.url === "/health"))
    return { status: 200, body: { service: "glue-local", status: "ok" } };
  try {
    const operation = resolveOperation(req);
    remember(deps.signedCalls, { operation, accessKeyId: signedWith(req) });
    const input = parseBody(raw);
    if (deps.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.faults.latencyMs));
    if (deps.faults.throttleRate > 0 && deps.random() < deps.faults.throttleRate) throw new ThrottlingError();
    const op = operations[operation];
    if (!op) throw new UnknownOperationError(`Unknown operation ${TARGET_PREFIX}${operation}`);
    const valid = op.input(input, "");
    const output = deps.engine.call((now) => op.handle(deps.engine, valid as never, now));
    return { status: 200, body: output };
  } catch (error) {
    if (error instanceof GlueLocalError) return errorReply(error);
    if (error instanceof SeedValidationError)
      return { status: 400, body: { __type: error.code, message: error.message }, errorType: error.code };
    return internalError(error);
  }
}

function resolveOperation(req: IncomingMessage): string {
  if (req.method !== "POST") throw new UnknownOperationError(`Only POST is supported (got ${req.method})`);
  const target = req.headers["x-amz-target"];
  if (typeof target !== "string" || target === "") throw new UnknownOperationError("Missing X-Amz-Target header");
  if (!target.startsWith(TARGET_PREFIX)) throw new UnknownOperationError(`Unknown operation ${target}`);
  const operation = target.slice(TARGET_PREFIX.length);
  if (!Object.hasOwn(operations, operation)) throw new UnknownOperationError(`Unknown operation ${target}`);
  return operation;
}

function remember(calls: SignedCall[], call: SignedCall): void {
  calls.push(call);
  if (calls.length > SIGNED_CALLS_KEPT) calls.shift();
}

/** `AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/glue/aws4_request, …` → AKID. */
function signedWith(req: IncomingMessage): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ""))?.[1];
}

function parseBody(raw: string): unknown {
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new SerializationError(`Malformed JSON request body: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SerializationError("The request body must be a JSON object");
  }
  return parsed;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES)
        tooLarge = true; // keep reading so the client gets its answer
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) reject(new SerializationError(`Request body larger than ${MAX_BODY_BYTES} bytes`));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

const errorReply = (error: GlueLocalError): Reply => ({
  status: error.statusCode,
  body: { __type: error.code, message: error.message },
  errorType: error.code,
});

function internalError(error: unknown): Reply {
  console.error("glue-local: internal error", error);
  return {
    status: 500,
    body: { __type: "InternalServiceException", message: "Internal error in glue-local" },
    errorType: "InternalServiceException",
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(reply.body ?? {});
  const headers: Record<string, string | number> = {
    "content-type": CONTENT_TYPE,
    "content-length": Buffer.byteLength(payload),
    "x-amzn-requestid": randomUUID(),
  };
  if (reply.errorType) headers["x-amzn-errortype"] = reply.errorType;
  res.writeHead(reply.status, headers);
  res.end(payload);
}
