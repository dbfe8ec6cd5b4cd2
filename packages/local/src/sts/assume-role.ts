/**
 * AssumeRole as STS decides it, for the local stand-in: a role ARN in, temporary
 * credentials out, whose access key id names the account they are for
 * (`ASIA<account><counter>`), so a test or the demo can tell whose credentials
 * reached which Glue. Refusals carry STS's own codes.
 */
import { randomBytes } from "node:crypto";
import { LocalRuntimeError } from "../errors.ts";

/** A refusal in STS's words: its error code and HTTP status (AccessDenied 403, ValidationError 400). */
export class StsRefusal extends LocalRuntimeError {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = "StsRefusal";
    this.code = code;
    this.status = status;
  }
}

/** Credentials the stand-in issued (the secret is kept out: nothing here is worth logging). */
export interface IssuedCredentials {
  accessKeyId: string;
  roleArn: string;
  accountId: string;
  roleName: string;
  sessionName: string;
  expiration: Date;
  /** The region the request was signed for: where the caller asked STS. */
  region: string | undefined;
}

export interface AssumeRoleInput {
  RoleArn?: string;
  RoleSessionName?: string;
  ExternalId?: string;
  /** The access key id the request was signed with (for the AccessDenied message). */
  caller?: string;
  /** The region of the request's signature. */
  region?: string;
}

export interface AssumeRolePolicy {
  /** When set, the trust condition sts:ExternalId: a request without it or with another is refused. */
  externalId?: string;
  /** Lifetime of what is issued, in seconds. */
  credentialSeconds: number;
  now?: () => number;
}

const ARN = /^arn:aws[\w-]*:[\w-]+:[\w-]*:\d{0,12}:.+$/;
/** arn:aws:iam::<12 digits>:role/<path/>name — IAM's role ARN. */
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * Issues credentials for one AssumeRole request, or throws StsRefusal as STS would answer.
 *
 * @example
 * const issue = createAssumeRole({ credentialSeconds: 3600, externalId: "tracker" });
 * issue({ RoleArn: "arn:aws:iam::222222222222:role/GlueRunTrackerRead-eu-west-1", RoleSessionName: "s", ExternalId: "tracker" });
 */
export function createAssumeRole(policy: AssumeRolePolicy) {
  const now = policy.now ?? Date.now;
  let counter = 0;
  return (input: AssumeRoleInput): IssuedCredentials & { secretAccessKey: string; sessionToken: string } => {
    const { RoleArn: roleArn, RoleSessionName: sessionName } = input;
    if (!roleArn || roleArn.length < 20 || !ARN.test(roleArn)) {
      throw new StsRefusal(
        "ValidationError",
        `1 validation error detected: Value '${roleArn ?? ""}' at 'roleArn' failed to satisfy constraint: Member must be a valid ARN`,
      );
    }
    if (!sessionName || !SESSION_NAME.test(sessionName)) {
      throw new StsRefusal(
        "ValidationError",
        `1 validation error detected: Value '${sessionName ?? ""}' at 'roleSessionName' failed to satisfy constraint: ` +
          "Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}",
      );
    }
    const role = ROLE_ARN.exec(roleArn);
    const trusted = policy.externalId === undefined || input.ExternalId === policy.externalId;
    if (!role || !trusted) {
      throw new StsRefusal(
        "AccessDenied",
        `User: ${input.caller ?? "anonymous"} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        403,
      );
    }
    const [, accountId = "", roleName = ""] = role;
    counter += 1;
    return {
      accessKeyId: `ASIA${accountId}${String(counter).padStart(4, "0")}`,
      secretAccessKey: randomBytes(20).toString("base64"),
      sessionToken: randomBytes(48).toString("base64"),
      roleArn,
      accountId,
      roleName,
      sessionName,
      expiration: new Date(now() + policy.credentialSeconds * 1000),
      region: input.region,
    };
  };
}
