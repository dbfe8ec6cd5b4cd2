/**
 * A Slack incoming-webhook stand-in on 127.0.0.1 (port 0): records every POST and
 * answers from a script (status, headers, body), then 200 "ok" once the script is used up.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebhookReceiver {
  /** The webhook URL, with a secret-looking path. */
  url: string;
  secretPath: string;
  requests: ReceivedRequest[];
  /** Bodies of the requests answered 2xx: the messages Slack would show. */
  delivered(): unknown[];
  /** Answers for the next requests, in order. */
  script(answers: ScriptedAnswer[]): void;
  /** Answer every further request with this (e.g. Slack down). */
  always(answer: ScriptedAnswer): void;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const accepted: string[] = [];
  let queue: ScriptedAnswer[] = [];
  let fallback: ScriptedAnswer = { status: 200, body: "ok" };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body });
      const answer = queue.shift() ?? fallback;
      if (answer.status >= 200 && answer.status < 300) accepted.push(body);
      response.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
      response.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const secretPath = "/services/T0TEST/B0TEST/s3cr3tW3bh00kT0k3n";
  return {
    url: `http://127.0.0.1:${port}${secretPath}`,
    secretPath,
    requests,
    delivered: () => accepted.map((body) => JSON.parse(body)),
    script(answers) {
      queue = [...answers];
    },
    always(answer) {
      queue = [];
      fallback = answer;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
