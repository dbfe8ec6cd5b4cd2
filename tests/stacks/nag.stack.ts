/**
 * cdk-nag on the whole synthesized app: no unsuppressed finding (error or warning) of
 * the AwsSolutions and ServerlessChecks packs. A suppression is written next to its
 * resource in stacks/, with the reason; anything else fails here, listed readably.
 */
import { describe, expect, it } from "vitest";
import { formatFindings } from "../support/nag.ts";
import { nagFindingsOf } from "../support/synth.ts";

describe("cdk-nag (AwsSolutions, ServerlessChecks)", () => {
  it("finds nothing unsuppressed in any stack", async () => {
    const findings = await nagFindingsOf();

    expect(findings.length, `cdk-nag findings:\n${formatFindings(findings)}`).toBe(0);
  });
});
