/**
 * The reconciler over every tracked account (docs/decisions/accounts-flows.md): each
 * account is swept with its own deps (its store: active runs, catalog, cursor; its Glue
 * client) and its own budget of Glue calls, all at once, so one account's throttling
 * never starves another. An account whose sweep fails (AccessDenied: the member stack is
 * not deployed there) is reported and skipped; the others are reconciled.
 */
import { type AccountFailure, acrossAccounts, type PerAccount } from "../accounts/per-account.ts";
import { type ReconcileDeps, type ReconcileOptions, type ReconcileReport, reconcile } from "./reconcile.ts";

/** One account's reconcile deps, and (multi-account wiring) every tracked account's. */
export type AccountsReconcileDeps = ReconcileDeps & { accounts?: PerAccount<ReconcileDeps> };

export interface AccountsReconcileReport extends ReconcileReport {
  /** Accounts not reconciled in this invocation (logged; the next invocation tries again). */
  failedAccounts: AccountFailure[];
  /** Each reconciled account's own report (multi-account only). */
  accounts?: ({ account: string } & Omit<ReconcileReport, "cursor">)[];
}

/**
 * Sums the accounts' reports: the counts add up, a cycle is completed when every
 * reconciled account completed one, and `cursor` is the home account's (or the first's).
 *
 * @example
 * const report = await reconcileAcrossAccounts(deps, { maxGlueCalls: 200 }); // 200 per account
 * for (const failed of report.failedAccounts) logger.error("account not reconciled", { ...failed });
 */
export async function reconcileAcrossAccounts(
  deps: AccountsReconcileDeps,
  options: ReconcileOptions = {},
): Promise<AccountsReconcileReport> {
  const across = await acrossAccounts(deps, (accountDeps) => reconcile(accountDeps, options));
  if (!across) return { ...(await reconcile(deps, options)), failedAccounts: [] };
  const { results, failures } = across;
  const [first] = results;
  if (!first) throw new Error("no account reconciled"); // acrossAccounts throws the first error when every account failed
  const total: AccountsReconcileReport = {
    ...first.result,
    cursor: (results.find((r) => r.account.home) ?? first).result.cursor,
    failedAccounts: failures,
    accounts: results.map(({ account, result: { cursor: _cursor, ...report } }) => ({
      account: account.alias ?? `${account.accountId}/${account.region}`,
      ...report,
    })),
  };
  for (const { result } of results.slice(1)) {
    total.activeRunsChecked += result.activeRunsChecked;
    total.workflowsChecked += result.workflowsChecked;
    total.workflowsDiscovered += result.workflowsDiscovered;
    total.workflowsDeleted += result.workflowsDeleted;
    total.runsRecorded += result.runsRecorded;
    total.transitions += result.transitions;
    total.runsClosed += result.runsClosed;
    total.glueCalls += result.glueCalls;
    total.cycleCompleted &&= result.cycleCompleted;
    total.stoppedBy ??= result.stoppedBy;
  }
  return total;
}
