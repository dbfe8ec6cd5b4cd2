/**
 * DNS rebinding guard for the local API: a web page on another origin can make a
 * browser resolve its own name to 127.0.0.1 and then call the local tracker with
 * that name in the Host header. Only loopback names are accepted (with any port):
 * 127.0.0.1, localhost and [::1]; anything else is answered 403 before routing.
 * See docs/decisions/security-local-host-check.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** The Host names the local API answers to. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether a Host header names a loopback host (the port, if any, is not checked).
 *
 * @example
 * isLoopbackHost("localhost:3150"); // true
 * isLoopbackHost("attacker.example:3150"); // false
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  return match !== null && LOOPBACK_HOSTS.has(match[1] as string);
}

/**
 * Answers 403 to a request whose Host is not a loopback name; true when it did.
 *
 * @example
 * if (refuseForeignHost(request, response)) return; // first line of the request handler
 */
export function refuseForeignHost(request: IncomingMessage, response: ServerResponse): boolean {
  if (isLoopbackHost(request.headers.host)) return false;
  request.resume();
  const body = JSON.stringify({
    message: "Forbidden: the local tracker answers only to 127.0.0.1, localhost or [::1]",
  });
  response.writeHead(403, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
  return true;
}
