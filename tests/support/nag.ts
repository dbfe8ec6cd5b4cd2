/**
 * cdk-nag on the offline synth: the AwsSolutions and ServerlessChecks packs run as
 * aspects on the whole app, and every unsuppressed finding (error or warning) is
 * collected here, so a test can assert there are none and print them readably.
 * Suppressions live next to their resources in stacks/ (with their reasons).
 */
import type { IAspect } from "aws-cdk-lib";
import {
  AwsSolutionsChecks,
  type INagLogger,
  type NagLoggerErrorData,
  type NagLoggerNonComplianceData,
  ServerlessChecks,
} from "cdk-nag";

export interface NagFinding {
  pack: string;
  ruleId: string;
  level: string;
  /** The construct path of the resource, e.g. test-glue-run-tracker-Api/ApiRead/Resource. */
  path: string;
  /** Why the rule fired (the finding id says which part, e.g. a policy statement). */
  reason: string;
}

/** Collects unsuppressed findings and rule errors (a rule that cannot evaluate counts too). */
export class NagCollector implements INagLogger {
  readonly findings: NagFinding[] = [];
  onCompliance(): void {}
  onNotApplicable(): void {}
  onSuppressed(): void {}
  onSuppressedError(): void {}
  onNonCompliance(data: NagLoggerNonComplianceData): void {
    this.findings.push(finding(data, data.findingId ? `${data.ruleInfo} [${data.findingId}]` : data.ruleInfo));
  }
  onError(data: NagLoggerErrorData): void {
    this.findings.push(finding(data, `rule error: ${data.errorMessage}`));
  }
}

function finding(data: NagLoggerNonComplianceData | NagLoggerErrorData, reason: string): NagFinding {
  return {
    pack: data.nagPackName,
    ruleId: data.ruleId,
    level: data.ruleLevel,
    path: data.resource.node.path,
    reason,
  };
}

/** The two packs, reporting to `collector` (no CSV reports written into .sst/). */
export function nagPacks(collector: NagCollector): IAspect[] {
  const props = { reports: false, additionalLoggers: [collector] };
  return [new AwsSolutionsChecks(props), new ServerlessChecks(props)];
}

/** One line per finding: rule id, resource path, reason. */
export function formatFindings(findings: readonly NagFinding[]): string {
  return findings.map((f) => `${f.ruleId} (${f.level}) ${f.path}\n    ${f.reason}`).join("\n");
}
