/**
 * A member role the tracker could not assume. Kept apart from credentials.ts (which
 * loads the SDK's credential providers) so the Glue classifier can recognise it
 * without pulling STS into every bundle.
 */
import { TrackerError } from "../errors.ts";
import { type AccountScope, describeAccount, type RolePurpose } from "./account.ts";

/**
 * STS refused (or could not be asked for) a member role's credentials. The message
 * names the account, the role and STS's own code and message, never the external id.
 * The Glue classifier turns it into the GlueCallError of the call that needed it,
 * classed by `cause` (AccessDenied: refused; throttled or unreachable: retryable).
 *
 * @example
 * // "Could not assume the read role arn:aws:iam::222222222222:role/GlueRunTrackerRead-eu-west-1
 * //  in analytics (222222222222, eu-west-1): AccessDenied: User: … is not authorized …"
 */
export class MemberRoleError extends TrackerError {
  readonly account: AccountScope & { alias?: string };
  readonly purpose: RolePurpose;
  readonly roleArn: string;
  /** STS's error name (AccessDenied, …), or the SDK's for a failure to reach STS. */
  readonly stsCode: string;

  constructor(
    details: { account: AccountScope & { alias?: string }; purpose: RolePurpose; roleArn: string },
    cause: unknown,
  ) {
    const stsCode = (cause as { name?: unknown })?.name;
    const stsMessage = (cause as { message?: unknown })?.message;
    const code = typeof stsCode === "string" && stsCode !== "" ? stsCode : "Error";
    super(
      `Could not assume the ${details.purpose} role ${details.roleArn} in ${describeAccount(details.account)}: ` +
        `${code}: ${typeof stsMessage === "string" ? stsMessage : String(cause)}`,
      undefined,
      { cause },
    );
    this.name = "MemberRoleError";
    const { accountId, region, alias } = details.account;
    this.account = { accountId, region, ...(alias ? { alias } : {}) };
    this.purpose = details.purpose;
    this.roleArn = details.roleArn;
    this.stsCode = code;
  }
}
