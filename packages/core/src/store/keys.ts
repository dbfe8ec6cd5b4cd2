/**
 * The only place keys are built. One table holds every entity, told apart by
 * prefixed key values and an `entityType` attribute:
 *
 * | entity            | pk                | sk                        | gsi1pk / gsi1sk              | gsi2pk / gsi2sk                         |
 * |-------------------|-------------------|---------------------------|------------------------------|-----------------------------------------|
 * | run               | WF#<name>         | RUN#<runId>               | WF#<name> / <started>#<runId> | OUTCOME#<outcome> / <started>#<name>#<runId> |
 * | timeline entry (overflow, and legacy) | WF#<name> | RUN#<runId>#TL#<progress> |              |                                         |
 * | workflow (catalog)| WF#<name>         | WORKFLOW                  | CATALOG / WF#<name>          |                                         |
 * | node index        | JOB#<job> or CRAWLER#<crawler> | WF#<name>    |                              |                                         |
 * | standalone job run| JOB#<job>         | JOBRUN#<jobRunId>         |                              |                                         |
 * | announcement (legacy, read only) | WF#<name> | ANNOUNCED#<runId> |                           |                                         |
 * | reconcile cursor  | RECONCILER        | CURSOR                    |                              |                                         |
 * | alert delivery    | WF#<name>         | RUN#<runId>#ALERT#<digest> |                             |                                         |
 * | workflow stats day| WF#<name>         | STATS#<yyyy-mm-dd>        |                              |                                         |
 * | workflow settings | WF#<name>         | SETTINGS                  |                              |                                         |
 * | overdue watch     | OVERDUE           | WF#<name>#RUN#<runId>     |                              |                                         |
 * | missed slot       | WF#<name>         | MISSED#<slot>#<trigger>   |                              |                                         |
 *
 * `<started>` is the run's StartedOn (ISO, sorts as text), or when it was first seen.
 *
 * These are the home account's keys. Another tracked account's are the same with its
 * prefix `ACCT#<account>#<region>#` in front of every pk, of gsi1pk/gsi2pk, of the catalog's
 * gsi1sk and of the reconcile cursor's sk (`keysFor`; docs/decisions/accounts-run-identity.md).
 *
 * Inside the run item (docs/decisions/store-single-write.md): `TL#<progress>` holds
 * one timeline entry per observed progress (dots as `_`), `Announced` the state last
 * published on the tracker bus, `AnnounceLease#<Status>#<Outcome>` the lease of the
 * one writer announcing that state. A run's timeline is one Query on `RUN#<runId>`:
 * the run item's TL# attributes plus the separate entries of overflow and older data.
 */
import type { Outcome } from "../workflow-run/types.ts";
import type { Expressions } from "./expressions.ts";

export const EntityType = {
  Run: "Run",
  TimelineEntry: "TimelineEntry",
  Workflow: "Workflow",
  NodeIndex: "NodeIndex",
  StandaloneJobRun: "StandaloneJobRun",
  /** The former announcement ledger entry of a run (legacy data, read only). */
  Announcement: "Announcement",
  /** The reconciler's resume point. */
  ReconcileCursor: "ReconcileCursor",
  /** One alert's delivery to one channel (the alerts function's ledger). */
  AlertDelivery: "AlertDelivery",
  /** A workflow's statistics for one UTC day (insights, store/workflow-stats.ts). */
  WorkflowStatsDay: "WorkflowStatsDay",
  /** A workflow's settings (insights/settings.ts). */
  WorkflowSettings: "WorkflowSettings",
  /** A run announced overdue whose end is still to be announced (store/overdue-marks.ts). */
  OverdueWatch: "OverdueWatch",
  /** One scheduled slot announced as missed (store/overdue-marks.ts). */
  MissedSlot: "MissedSlot",
} as const;
export type EntityType = (typeof EntityType)[keyof typeof EntityType];

export interface TableKey {
  pk: string;
  sk: string;
}

const WORKFLOW_PREFIX = "WF#";
const RUN_PREFIX = "RUN#";
const TIMELINE_INFIX = "#TL#";
const CATALOG = "CATALOG";
const WORKFLOW_SK = "WORKFLOW";
/** Sorts after "#" and every digit: `<time>~` bounds every `<time>#…` key from above. */
const HIGH = "~";

export const NodeKind = { Job: "JOB", Crawler: "CRAWLER" } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export function runKey(workflowName: string, runId: string): TableKey {
  return { pk: WORKFLOW_PREFIX + workflowName, sk: RUN_PREFIX + runId };
}

/** Index keys of a run: per-workflow by start time, and per-outcome across workflows. */
export function runIndexKeys(workflowName: string, runId: string, startedOn: string, outcome: Outcome) {
  return {
    gsi1pk: WORKFLOW_PREFIX + workflowName,
    gsi1sk: `${startedOn}#${runId}`,
    gsi2pk: outcomePartition(outcome),
    gsi2sk: `${startedOn}#${workflowName}#${runId}`,
  };
}

export function workflowRunsPartition(workflowName: string): string {
  return WORKFLOW_PREFIX + workflowName;
}

export function outcomePartition(outcome: Outcome): string {
  return `OUTCOME#${outcome}`;
}

/**
 * Key condition on a StartedOn-prefixed sort key for times within [from, to]
 * (inclusive; either side may be open). Values must be normalized ISO instants.
 */
export function startedWithin(
  expressions: Expressions,
  sortKey: string,
  from: string | undefined,
  to: string | undefined,
): string | undefined {
  if (from === undefined && to === undefined) return undefined;
  const key = expressions.name(sortKey);
  if (from !== undefined && to !== undefined) {
    return `${key} BETWEEN ${expressions.value(from)} AND ${expressions.value(to + HIGH)}`;
  }
  if (from !== undefined) return `${key} >= ${expressions.value(from)}`;
  return `${key} <= ${expressions.value(to + HIGH)}`;
}

export function timelineKey(workflowName: string, runId: string, progress: string): TableKey {
  return { pk: WORKFLOW_PREFIX + workflowName, sk: timelinePrefix(runId) + progress };
}

/** sk prefix of a run's separate timeline entries (they sort by progress, i.e. oldest state first). */
export function timelinePrefix(runId: string): string {
  return RUN_PREFIX + runId + TIMELINE_INFIX;
}

/** Prefix of the run item's timeline attributes. */
export const TIMELINE_ATTRIBUTE_PREFIX = "TL#";

/**
 * The run item's attribute for the timeline entry of one progress. Dots become `_`
 * (an expression path splits on dots); the names still sort in progress order.
 *
 * @example
 * timelineAttribute("1.000001.000003"); // "TL#1_000001_000003"
 */
export function timelineAttribute(progress: string): string {
  return TIMELINE_ATTRIBUTE_PREFIX + progress.replaceAll(".", "_");
}

/** The progress a timeline attribute or a separate entry's sk stands for. */
export function progressOfTimeline(nameOrSk: string): string {
  const at = nameOrSk.lastIndexOf("TL#");
  return nameOrSk.slice(at + 3).replaceAll("_", ".");
}

/** The announced state last published, on the run item: `{ Status, Outcome, Rank }`. */
export const ANNOUNCED_ATTRIBUTE = "Announced";

const ANNOUNCE_LEASE_PREFIX = "AnnounceLease#";

/** The run item's lease attribute of the announcement of one state (store/lease.ts shape). */
export function announceLeaseAttribute(status: string, outcome: string): string {
  return `${ANNOUNCE_LEASE_PREFIX}${status}#${outcome}`;
}

export function workflowKey(workflowName: string): TableKey {
  return { pk: WORKFLOW_PREFIX + workflowName, sk: WORKFLOW_SK };
}

/** A workflow's settings, beside its catalog entry. */
export function workflowSettingsKey(workflowName: string): TableKey {
  return { pk: WORKFLOW_PREFIX + workflowName, sk: "SETTINGS" };
}

/** Catalog index keys: every workflow under one partition, by name. */
export function catalogIndexKeys(workflowName: string) {
  return { gsi1pk: CATALOG, gsi1sk: WORKFLOW_PREFIX + workflowName };
}

export const catalogPartition = CATALOG;

/** `JOB#<name>` / `CRAWLER#<name>`: how a graph node is named in the node index. */
export function nodeRef(kind: NodeKind, nodeName: string): string {
  return `${kind}#${nodeName}`;
}

export function nodeIndexKey(ref: string, workflowName: string): TableKey {
  return { pk: ref, sk: WORKFLOW_PREFIX + workflowName };
}

export const nodeIndexSkPrefix = WORKFLOW_PREFIX;

/** The workflow name back from a node-index sort key. */
export function workflowNameFromNodeIndex(sk: string): string {
  return sk.slice(WORKFLOW_PREFIX.length);
}

export function standaloneJobRunKey(jobName: string, jobRunId: string): TableKey {
  return { pk: nodeRef(NodeKind.Job, jobName), sk: `JOBRUN#${jobRunId}` };
}

/** The attributes that are keys or bookkeeping, never part of what the store returns. */
export const INTERNAL_ATTRIBUTES: ReadonlySet<string> = new Set([
  "pk",
  "sk",
  "gsi1pk",
  "gsi1sk",
  "gsi2pk",
  "gsi2sk",
  "entityType",
  "Rank",
  "ExpiresAt",
  "GraphGzip",
  "IndexedNodes",
  "LastRunKey",
  "ResumeLease",
  // The resume lease before store/lease.ts (run-annotations.ts LEGACY_RESUME_LEASE): drop with it.
  "ResumeLeaseUntil",
  "ResumeLeaseOwner",
  "GlueNotFoundSince",
  // Insights (overdue-digest): the leases of the overdue announcements (store/overdue-marks.ts).
  "OverdueLease",
  "OverdueEndLease",
  ANNOUNCED_ATTRIBUTE,
]);

/** Keys, bookkeeping, timeline entries and announcement leases: never served as run fields. */
export function isInternalAttribute(name: string): boolean {
  return (
    INTERNAL_ATTRIBUTES.has(name) ||
    name.startsWith(TIMELINE_ATTRIBUTE_PREFIX) ||
    name.startsWith(ANNOUNCE_LEASE_PREFIX)
  );
}

/**
 * The former announcement ledger entry of a run (before the state moved onto the run
 * item): read only, so runs announced by the old ledger are not announced again.
 */
export function legacyAnnouncementKey(workflowName: string, runId: string): TableKey {
  return { pk: WORKFLOW_PREFIX + workflowName, sk: `ANNOUNCED#${runId}` };
}

/** The reconciler's single cursor item. */
export function reconcileCursorKey(): TableKey {
  return { pk: "RECONCILER", sk: "CURSOR" };
}

/**
 * The alerts ledger's entry of one delivery, beside its run (outside the timeline
 * prefix), so it goes with the run (`digest`: a hash of the transition and channel).
 */
export function alertDeliveryKey(workflowName: string, runId: string, digest: string): TableKey {
  return { pk: WORKFLOW_PREFIX + workflowName, sk: `${RUN_PREFIX}${runId}#ALERT#${digest}` };
}

/**
 * Deliveries of alerts about no single run (a missed slot, the digest); also where a run's
 * deliveries were recorded before they moved beside their run (read for one release only).
 */
export function trackerAlertDeliveryKey(digest: string): TableKey {
  return { pk: "ALERTS", sk: `DELIVERY#${digest}` };
}

const STATS_PREFIX = "STATS#";

/** A workflow's statistics item for one UTC day (yyyy-mm-dd). */
export function statsDayKey(workflowName: string, day: string): TableKey {
  return { pk: WORKFLOW_PREFIX + workflowName, sk: STATS_PREFIX + day };
}

/** Key range of the day items from `since` to `until` (yyyy-mm-dd, inclusive). */
export function statsDayRange(workflowName: string, since: string, until: string) {
  return { pk: WORKFLOW_PREFIX + workflowName, from: STATS_PREFIX + since, to: STATS_PREFIX + until };
}

/** The watch list of runs announced overdue whose end is still to be announced (one small partition). */
export const overdueWatchPartition = "OVERDUE";

export function overdueWatchKey(workflowName: string, runId: string): TableKey {
  return { pk: overdueWatchPartition, sk: `${WORKFLOW_PREFIX}${workflowName}#${RUN_PREFIX}${runId}` };
}

/** sk prefix of a workflow's missed-slot items. */
export const missedSlotPrefix = "MISSED#";

/** One missed slot of one start trigger (`slot`: ISO instant, so the items sort by time). */
export function missedSlotKey(workflowName: string, slot: string, triggerName: string): TableKey {
  return { pk: WORKFLOW_PREFIX + workflowName, sk: `${missedSlotPrefix}${slot}#${triggerName}` };
}

/**
 * The account-specific keys of one tracked account: every partition that names a
 * workflow, job, crawler or per-account singleton carries the account's prefix ("" for
 * the home account, `ACCT#<account>#<region>#` otherwise — accounts/account.ts), so two
 * accounts' workflows, runs, jobs and crawlers of the same name never meet
 * (docs/decisions/accounts-run-identity.md). Sort keys stay as they are, except the
 * catalog index's, which names the workflow's partition so one Query lists every account.
 *
 * @example
 * keysFor("ACCT#222222222222#eu-west-1#").runKey("etl", "wr_1"); // { pk: "ACCT#222222222222#eu-west-1#WF#etl", sk: "RUN#wr_1" }
 */
export function keysFor(prefix: string) {
  const wf = (workflowName: string) => prefix + WORKFLOW_PREFIX + workflowName;
  const scoped = (key: TableKey): TableKey => ({ pk: prefix + key.pk, sk: key.sk });
  return {
    prefix,
    runKey: (workflowName: string, runId: string) => scoped(runKey(workflowName, runId)),
    runIndexKeys(workflowName: string, runId: string, startedOn: string, outcome: Outcome) {
      const keys = runIndexKeys(workflowName, runId, startedOn, outcome);
      return { ...keys, gsi1pk: prefix + keys.gsi1pk, gsi2pk: prefix + keys.gsi2pk };
    },
    workflowRunsPartition: wf,
    outcomePartition: (outcome: Outcome) => prefix + outcomePartition(outcome),
    timelineKey: (workflowName: string, runId: string, progress: string) =>
      scoped(timelineKey(workflowName, runId, progress)),
    workflowKey: (workflowName: string) => scoped(workflowKey(workflowName)),
    workflowSettingsKey: (workflowName: string) => scoped(workflowSettingsKey(workflowName)),
    catalogIndexKeys: (workflowName: string) => ({ gsi1pk: CATALOG, gsi1sk: wf(workflowName) }),
    /** begins_with of this account's catalog sort keys (home: `WF#`, which no member key starts with). */
    catalogSkPrefix: prefix + WORKFLOW_PREFIX,
    nodeIndexPartition: (ref: string) => prefix + ref,
    nodeIndexKey: (ref: string, workflowName: string) => scoped(nodeIndexKey(ref, workflowName)),
    standaloneJobRunKey: (jobName: string, jobRunId: string) => scoped(standaloneJobRunKey(jobName, jobRunId)),
    legacyAnnouncementKey: (workflowName: string, runId: string) => scoped(legacyAnnouncementKey(workflowName, runId)),
    reconcileCursorKey: () => (prefix ? { pk: reconcileCursorKey().pk, sk: `CURSOR#${prefix}` } : reconcileCursorKey()),
    alertDeliveryKey: (workflowName: string, runId: string, digest: string) =>
      scoped(alertDeliveryKey(workflowName, runId, digest)),
    statsDayKey: (workflowName: string, day: string) => scoped(statsDayKey(workflowName, day)),
    statsDayRange(workflowName: string, since: string, until: string) {
      const range = statsDayRange(workflowName, since, until);
      return { ...range, pk: prefix + range.pk };
    },
    overdueWatchPartition: prefix + overdueWatchPartition,
    overdueWatchKey: (workflowName: string, runId: string) => scoped(overdueWatchKey(workflowName, runId)),
    missedSlotKey: (workflowName: string, slot: string, triggerName: string) =>
      scoped(missedSlotKey(workflowName, slot, triggerName)),
  };
}

export type AccountKeys = ReturnType<typeof keysFor>;

/** The home account's keys: exactly the keys the tracker wrote before accounts existed. */
export const homeKeys: AccountKeys = keysFor("");

const MEMBER_CATALOG_KEY = /^ACCT#(\d{12})#([a-z0-9-]+)#WF#/;

/** The account a catalog sort key belongs to; undefined for the home account's. */
export function accountOfCatalogKey(gsi1sk: string): { accountId: string; region: string } | undefined {
  const match = MEMBER_CATALOG_KEY.exec(gsi1sk);
  return match?.[1] && match[2] ? { accountId: match[1], region: match[2] } : undefined;
}
