/**
 * Small node:http helpers shared by the local servers: bind with a clear error when the
 * port is taken, read a body under a size limit, close without waiting on idle keep-alives.
 */
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { LocalRuntimeError, PortInUseError } from "../errors.ts";

/** A request body over the limit; the server answers 413. */
export class BodyTooLargeError extends LocalRuntimeError {
  readonly limit: number;

  constructor(limit: number) {
    super(`Request body is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
    this.limit = limit;
  }
}

/**
 * Listens on host:port (0 = any free port). Rejects with PortInUseError when the port is taken.
 *
 * @example
 * const { port } = await listen(server, 0, "127.0.0.1");
 */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(error.code === "EADDRINUSE" ? new PortInUseError(host, port, { cause: error }) : error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Reads the whole body; rejects with BodyTooLargeError as soon as it passes `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      request.resume();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on("error", reject);
  });
}

/**
 * Stops accepting connections, drops idle keep-alive ones, lets requests in progress finish
 * for up to `graceMs` (then cuts them: a 20 s long poll must not hold up Ctrl-C) and resolves once closed.
 */
export function closeServer(server: Server, options: { graceMs?: number } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const force = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 1000);
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

/** `http://host:port` of a listening server (IPv6 hosts bracketed). */
export function baseUrlOf(host: string, address: AddressInfo): string {
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return `http://${shownHost}:${address.port}`;
}
