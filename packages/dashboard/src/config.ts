/**
 * The page's runtime configuration, served next to it as `config.json` (written by the
 * local runtime or the AWS stack; see packages/dashboard/README.md). Parsed by hand:
 * the page bundle carries no schema library.
 */

export type DashboardAuth =
  | { kind: "none" }
  /** A bearer token the user types once (local TRACKER_API_TOKEN). */
  | { kind: "token" }
  /** Cognito hosted UI, authorization code + PKCE. */
  | {
      kind: "cognito";
      /** e.g. https://<prefix>.auth.<region>.amazoncognito.com */
      domain: string;
      clientId: string;
      /** e.g. https://<distribution>/ui/callback */
      redirectUri: string;
      scopes: { read: string; operate: string };
    };

export interface DashboardConfig {
  /** "" = the page's own origin; otherwise the API's base URL. */
  apiBaseUrl: string;
  auth: DashboardAuth;
}

export class DashboardConfigError extends Error {
  override name = "DashboardConfigError";
}

/**
 * @example
 * parseDashboardConfig({ apiBaseUrl: "", auth: { kind: "none" } });
 */
export function parseDashboardConfig(value: unknown): DashboardConfig {
  if (!isObject(value)) throw new DashboardConfigError("config.json must hold a JSON object");
  const apiBaseUrl = value.apiBaseUrl ?? "";
  if (typeof apiBaseUrl !== "string" || (apiBaseUrl !== "" && !/^https?:\/\//.test(apiBaseUrl))) {
    throw new DashboardConfigError('config.json: apiBaseUrl must be "" or an http(s) URL');
  }
  return { apiBaseUrl, auth: parseAuth(value.auth ?? { kind: "none" }) };
}

function parseAuth(auth: unknown): DashboardAuth {
  if (!isObject(auth)) throw new DashboardConfigError("config.json: auth must be an object");
  if (auth.kind === "none" || auth.kind === "token") return { kind: auth.kind };
  if (auth.kind === "cognito") {
    const { domain, clientId, redirectUri, scopes } = auth;
    if (typeof domain !== "string" || !/^https:\/\//.test(domain)) {
      throw new DashboardConfigError("config.json: auth.domain must be an https URL");
    }
    if (typeof clientId !== "string" || clientId === "") {
      throw new DashboardConfigError("config.json: auth.clientId is required");
    }
    if (typeof redirectUri !== "string" || !/^https?:\/\//.test(redirectUri)) {
      throw new DashboardConfigError("config.json: auth.redirectUri must be an http(s) URL");
    }
    if (!isObject(scopes) || typeof scopes.read !== "string" || typeof scopes.operate !== "string") {
      throw new DashboardConfigError("config.json: auth.scopes needs read and operate");
    }
    return { kind: "cognito", domain, clientId, redirectUri, scopes: { read: scopes.read, operate: scopes.operate } };
  }
  throw new DashboardConfigError('config.json: auth.kind must be "none", "token" or "cognito"');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
