/**
 * The local STS: the smallest AssumeRole endpoint the AWS SDK's STS client accepts
 * (the awsQuery protocol: a form-encoded POST with Action=AssumeRole, an XML answer
 * shaped as the SDK's AssumeRoleResponse deserializer reads it; errors as
 * <ErrorResponse><Error><Code>). Signatures are not checked; the access key id a
 * request was signed with is only quoted in refusals, as STS does.
 * See docs/decisions/accounts-credentials.md.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { refuseForeignHost } from "../api-gateway/host-check.ts";
import { BodyTooLargeError, baseUrlOf, closeServer, listen, readBody } from "../http/server.ts";
import type { RuntimeLogger } from "../logger.ts";
import { createAssumeRole, type IssuedCredentials, StsRefusal } from "./assume-role.ts";

const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
const MAX_BODY_BYTES = 64 * 1024;

export interface LocalStsOptions {
  /** 0 (the default) picks a free port; `npm start` uses STS_PORT (4905). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The member roles' trust condition (TRACKER_EXTERNAL_ID): AssumeRole without it or with another is AccessDenied. */
  externalId?: string;
  /** Lifetime of issued credentials in seconds (default 3600, STS's default); tests issue short-lived ones. */
  credentialSeconds?: number;
  logger?: RuntimeLogger;
}

export interface LocalSts {
  /** e.g. http://127.0.0.1:4905 — set it as STS_ENDPOINT. */
  readonly url: string;
  readonly port: number;
  /** Every credential issued so far, oldest first (no secrets): which role each access key id is for. */
  readonly issued: readonly IssuedCredentials[];
  /** AssumeRole requests refused so far: the role asked for and STS's error code. */
  readonly refused: readonly { roleArn: string; code: string }[];
  close(): Promise<void>;
}

/**
 * @example
 * const sts = await startLocalSts({ port: 4905, externalId: "tracker-local" });
 * process.env.STS_ENDPOINT = sts.url;
 * // … sts.issued.at(-1)?.accessKeyId === "ASIA2222222222220001"
 * await sts.close();
 */
export async function startLocalSts(options: LocalStsOptions = {}): Promise<LocalSts> {
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger ?? console;
  const assumeRole = createAssumeRole({
    credentialSeconds: options.credentialSeconds ?? 3600,
    ...(options.externalId === undefined ? {} : { externalId: options.externalId }),
  });
  const issued: IssuedCredentials[] = [];
  const refused: { roleArn: string; code: string }[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (refuseForeignHost(request, response)) return;
    if (request.method !== "POST") {
      request.resume();
      const body = JSON.stringify({ service: "glue-run-tracker local STS", actions: ["AssumeRole"] });
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    const params = new URLSearchParams((await readBody(request, MAX_BODY_BYTES)).toString("utf8"));
    const action = params.get("Action") ?? "";
    if (action !== "AssumeRole") {
      throw new StsRefusal("InvalidAction", `Could not find operation ${action} for version 2011-06-15`);
    }
    const input = {
      RoleArn: params.get("RoleArn") ?? undefined,
      RoleSessionName: params.get("RoleSessionName") ?? undefined,
      ExternalId: params.get("ExternalId") ?? undefined,
      ...signedWith(request),
    };
    try {
      const credentials = assumeRole(input);
      const { secretAccessKey, sessionToken, ...record } = credentials;
      issued.push(record);
      replyXml(response, 200, assumeRoleResponse(credentials));
    } catch (error) {
      if (error instanceof StsRefusal) refused.push({ roleArn: input.RoleArn ?? "", code: error.code });
      throw error;
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) error = new StsRefusal("ValidationError", error.message, 413);
      if (!(error instanceof StsRefusal)) logger.error("[sts] unexpected failure", error);
      const refusal = error instanceof StsRefusal ? error : new StsRefusal("InternalFailure", "Internal failure", 500);
      if (response.headersSent) response.destroy();
      else replyXml(response, refusal.status, errorResponse(refusal));
    });
  });
  const address = await listen(server, options.port ?? 0, host);
  return {
    url: baseUrlOf(host, address),
    port: address.port,
    issued,
    refused,
    close: () => closeServer(server),
  };
}

/** The access key id and region of a SigV4 Authorization header (`… Credential=<AKID>/<date>/<region>/sts/…`). */
function signedWith(request: IncomingMessage): { caller?: string; region?: string } {
  const scope = /Credential=([^/,\s]+)\/\d{8}\/([\w-]+)\//.exec(String(request.headers.authorization ?? ""));
  return scope ? { caller: scope[1] as string, region: scope[2] as string } : {};
}

function assumeRoleResponse(c: ReturnType<ReturnType<typeof createAssumeRole>>): string {
  return (
    `<AssumeRoleResponse xmlns="${XMLNS}"><AssumeRoleResult>` +
    `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${xml(c.secretAccessKey)}</SecretAccessKey>` +
    `<SessionToken>${xml(c.sessionToken)}</SessionToken><Expiration>${c.expiration.toISOString()}</Expiration></Credentials>` +
    `<AssumedRoleUser><Arn>arn:aws:sts::${c.accountId}:assumed-role/${xml(c.roleName)}/${xml(c.sessionName)}</Arn>` +
    `<AssumedRoleId>AROA${c.accountId}:${xml(c.sessionName)}</AssumedRoleId></AssumedRoleUser>` +
    `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`
  );
}

function errorResponse(refusal: StsRefusal): string {
  const type = refusal.status < 500 ? "Sender" : "Receiver";
  return (
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${refusal.code}</Code>` +
    `<Message>${xml(refusal.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  );
}

function replyXml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    "content-type": "text/xml",
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": randomUUID(),
  });
  response.end(body);
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}
