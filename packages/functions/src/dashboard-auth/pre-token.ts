/**
 * Cognito pre-token-generation trigger (event version 2): the access token carries
 * only the tracker scopes the user's groups grant (access.ts). The app client may
 * request both scopes; without this trigger every signed-in user would get both.
 */
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { scopesToSuppress } from "./access.ts";

export async function handler(event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> {
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  event.response = {
    claimsAndScopeOverrideDetails: {
      ...event.response?.claimsAndScopeOverrideDetails,
      accessTokenGeneration: { scopesToSuppress: scopesToSuppress(groups) },
    },
  };
  return event;
}
