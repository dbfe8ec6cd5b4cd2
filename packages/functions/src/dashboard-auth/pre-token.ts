/**
 * Cognito pre-token-generation trigger (event version 2): the access token carries
 * only the tracker scopes the user's groups grant (access.ts). The app client may
 * request both scopes; without this trigger every signed-in user would get both.
 * A user in account groups also gets the accounts claim (docs/decisions/accounts-api.md).
 */
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { ACCOUNTS_CLAIM, accountsClaimOf, scopesToSuppress } from "./access.ts";

export async function handler(event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> {
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  const accounts = accountsClaimOf(groups);
  event.response = {
    claimsAndScopeOverrideDetails: {
      ...event.response?.claimsAndScopeOverrideDetails,
      accessTokenGeneration: {
        scopesToSuppress: scopesToSuppress(groups),
        ...(accounts === undefined ? {} : { claimsToAddOrOverride: { [ACCOUNTS_CLAIM]: accounts } }),
      },
    },
  };
  return event;
}
