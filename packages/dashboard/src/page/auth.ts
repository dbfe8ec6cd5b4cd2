/**
 * Sign-in: a bearer token typed once (local), or Cognito's hosted UI with the
 * authorization code + PKCE flow (AWS). Tokens live in sessionStorage only: they end
 * with the browser session and never reach localStorage or a cookie.
 */
import type { DashboardAuth } from "../config.ts";
import { BASE_PATH } from "./routes.ts";

const TOKEN_KEY = "glue-run-tracker.token";
const PKCE_KEY = "glue-run-tracker.pkce";

export function storedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

type Cognito = Extract<DashboardAuth, { kind: "cognito" }>;

/** Sends the browser to the hosted UI; it comes back to /ui/callback with a code. */
export async function startCognitoSignIn(auth: Cognito, returnTo: string): Promise<void> {
  const verifier = randomString(64);
  const state = randomString(24);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
  window.location.assign(authorizeUrl(auth, await pkceChallenge(verifier), state));
}

/** The hosted UI's authorize URL for the code + PKCE (S256) flow, asking both scopes. */
export function authorizeUrl(auth: Cognito, challenge: string, state: string): string {
  const url = new URL("/oauth2/authorize", auth.domain);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: `openid ${auth.scopes.read} ${auth.scopes.operate}`,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

/** RFC 7636 S256: base64url(SHA-256(verifier)), without padding. */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}

/** Finishes sign-in on /ui/callback: trades the code for tokens; returns where to go next. */
export async function finishCognitoSignIn(auth: Cognito, search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const error = params.get("error");
  if (error) throw new Error(`Sign-in was refused: ${error} ${params.get("error_description") ?? ""}`.trim());
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? "null") as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PKCE_KEY);
  const code = params.get("code");
  if (!saved || !code || params.get("state") !== saved.state) {
    throw new Error("Sign-in could not be finished (missing or mismatched state); please sign in again");
  }
  const response = await fetch(new URL("/oauth2/token", auth.domain), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: auth.clientId,
      code,
      redirect_uri: auth.redirectUri,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`Sign-in failed: the token endpoint answered ${response.status}`);
  const tokens = (await response.json()) as { access_token?: string };
  if (!tokens.access_token) throw new Error("Sign-in failed: no access token in the answer");
  storeToken(tokens.access_token);
  return saved.returnTo.startsWith(BASE_PATH) ? saved.returnTo : BASE_PATH;
}

function randomString(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function base64Url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
