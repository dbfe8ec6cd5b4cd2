/**
 * Commands: forward to Glue, then record what was done (GetWorkflowRun →
 * recordSnapshot with ObservedVia "command") so the run shows up in the history at
 * once, before any Glue event arrives. Glue's answer is the command's result:
 * when only the recording fails, the command still succeeds (ingest and the
 * reconciler catch up) and the failure is logged — failing it would invite a retry
 * that starts a second run.
 */
import type { RunProperties } from "@glue-run-tracker/glue-model";
import type { AccountScope } from "../accounts/account.ts";
import type { PerAccount } from "../accounts/per-account.ts";
import { EntityNotFoundError } from "../errors.ts";
import { GlueCallError, GlueFailure } from "../glue/errors.ts";
import type { GlueFor } from "../glue/gateway.ts";
import { type RecordSnapshotDeps, recordSnapshot } from "../ingest/record-snapshot.ts";
import type { RunStore } from "../store/run-store.ts";
import { ObservedVia } from "../workflow-run/types.ts";

export interface CommandLogger {
  warn(message: string, ...extra: unknown[]): void;
}

export interface CommandDeps {
  /** The commands' Glue calls (abort after the API's timeout: a "timed-out" GlueCallError → 504). */
  glue: GlueFor<"commands">;
  store: RunStore;
  /** How a command records the run it touched (store + tracker bus). */
  recorder: RecordSnapshotDeps;
  logger?: CommandLogger;
  /**
   * Several tracked accounts: each account's deps (its store, its Glue client on the
   * member's operate role, a recorder writing to its store). The deps above are the home
   * account's. Pick with `inAccount` (docs/decisions/accounts-flows.md).
   */
  accounts?: PerAccount<CommandDeps>;
}

/**
 * The deps of the account a command names (`account`/`region` of the route; each
 * defaults to the home account's). UnknownAccountError (an InvalidInputError: 400)
 * for an account the configuration does not track. A single-account tracker: `deps`.
 *
 * @example
 * const { runId } = await Commands.startRun(Commands.inAccount(deps, { accountId: "222222222222", region: "eu-west-1" }), "nightly");
 */
export function inAccount(deps: CommandDeps, scope: Partial<AccountScope> = {}): CommandDeps {
  if (!deps.accounts) return deps;
  const account = deps.accounts.registry.resolve(scope);
  return account.home ? deps : { ...deps.accounts.of(account), ...(deps.logger ? { logger: deps.logger } : {}) };
}

/**
 * StartWorkflowRun, then records the new run.
 *
 * @example
 * const { runId } = await Commands.startRun(deps, "nightly-etl", { date: "2024-05-01" });
 */
export async function startRun(
  deps: CommandDeps,
  name: string,
  runProperties?: RunProperties,
): Promise<{ runId: string }> {
  const runId = await deps.glue.startWorkflowRun(name, runProperties);
  await recordRun(deps, name, runId);
  return { runId };
}

/**
 * StopWorkflowRun (IllegalWorkflowStateException when the run is not running), then records the run.
 *
 * @example
 * await Commands.stopRun(deps, "nightly-etl", "wr_1");
 */
export async function stopRun(deps: CommandDeps, name: string, runId: string): Promise<void> {
  await deps.glue.stopWorkflowRun(name, runId);
  await recordRun(deps, name, runId);
}

/**
 * ResumeWorkflowRun, then records the new run and links it from the resumed one (ResumedAs).
 *
 * @example
 * const { runId, nodeIds } = await Commands.resumeRun(deps, "nightly-etl", "wr_1", ["node-load"]);
 */
export async function resumeRun(
  deps: CommandDeps,
  name: string,
  runId: string,
  nodeIds: string[],
): Promise<{ runId: string; nodeIds: string[] }> {
  const resumed = await deps.glue.resumeWorkflowRun(name, runId, nodeIds);
  await Promise.all([
    recordRun(deps, name, resumed.runId),
    bestEffort(deps, `link ${name}/${runId} to its resumed run ${resumed.runId}`, () =>
      deps.store.addResumedAs(name, runId, resumed.runId),
    ),
  ]);
  return resumed;
}

/**
 * The run's properties from Glue; once Glue has forgotten the run (EntityNotFound),
 * the properties last recorded for it.
 *
 * @example
 * const properties = await Commands.getRunProperties(deps, "nightly-etl", "wr_1");
 */
export async function getRunProperties(deps: CommandDeps, name: string, runId: string): Promise<RunProperties> {
  try {
    return await deps.glue.getWorkflowRunProperties(name, runId);
  } catch (error) {
    if (!(error instanceof GlueCallError && error.failure === GlueFailure.NotFound)) throw error;
    const stored = await deps.store.getRunProperties(name, runId);
    if (!stored) throw new EntityNotFoundError(`Run ${runId} of workflow ${name} is unknown to Glue and the tracker`);
    return stored;
  }
}

/**
 * PutWorkflowRunProperties (adds or overrides keys), then records the run so the
 * stored properties follow.
 *
 * @example
 * await Commands.putRunProperties(deps, "nightly-etl", "wr_1", { retry: "true" });
 */
export async function putRunProperties(
  deps: CommandDeps,
  name: string,
  runId: string,
  runProperties: RunProperties,
): Promise<void> {
  await deps.glue.putWorkflowRunProperties(name, runId, runProperties);
  await recordRun(deps, name, runId);
}

/** GetWorkflowRun → recordSnapshot(ObservedVia "command"); never throws. */
async function recordRun(deps: CommandDeps, name: string, runId: string): Promise<void> {
  await bestEffort(deps, `record ${name}/${runId}`, async () => {
    const snapshot = await deps.glue.getWorkflowRun(name, runId);
    if (!snapshot) throw new EntityNotFoundError(`Glue does not know run ${runId} of workflow ${name}`);
    await recordSnapshot(deps.recorder, snapshot, ObservedVia.Command);
  });
}

async function bestEffort(deps: CommandDeps, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger?.warn(`Command succeeded in Glue but could not ${what}; ingest will catch up`, { error });
  }
}
