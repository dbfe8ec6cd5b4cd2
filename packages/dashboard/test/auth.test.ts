import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizeUrl, base64Url, pkceChallenge } from "../src/page/auth.ts";

const cognito = {
  kind: "cognito" as const,
  domain: "https://tracker.auth.eu-west-1.amazoncognito.com",
  clientId: "client123",
  redirectUri: "https://d111.cloudfront.net/ui/callback",
  scopes: { read: "tracker/read", operate: "tracker/operate" },
};

describe("Cognito sign-in (authorization code + PKCE)", () => {
  it("derives the S256 challenge as Node's SHA-256 does, base64url without padding", async () => {
    const verifier = "dBjftJeZ4CVP-mJ92K9MwJGmVDKu-ZmxN1bpIWpV7oSgiO1fZ8g0_abc";
    const expected = createHash("sha256").update(verifier).digest("base64url");
    expect(await pkceChallenge(verifier)).toBe(expected);
    expect(base64Url(new Uint8Array([251, 255, 191]))).toBe("-_-_");
    expect(base64Url(new Uint8Array([1]))).toBe("AQ");
  });

  it("asks the hosted UI for a code with the challenge, the state and both scopes", () => {
    const url = new URL(authorizeUrl(cognito, "CHALLENGE", "STATE"));
    expect(url.origin + url.pathname).toBe("https://tracker.auth.eu-west-1.amazoncognito.com/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "client123",
      redirect_uri: "https://d111.cloudfront.net/ui/callback",
      scope: "openid tracker/read tracker/operate",
      state: "STATE",
      code_challenge: "CHALLENGE",
      code_challenge_method: "S256",
    });
  });
});
