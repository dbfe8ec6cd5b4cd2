/**
 * Which (transition, channel) pairs already took their alert, in this process, and
 * which are being delivered right now: a duplicate that arrives while the first
 * delivery is in flight (same batch, concurrent batches) waits for it instead of
 * sending again. Bounded: the oldest keys are forgotten first, long after any
 * duplicate delivery.
 */
export interface DeliveryLedger {
  /**
   * Runs `deliver` unless `key` was delivered (false) or is being delivered (waits;
   * delivers itself only if that attempt failed). True when this call delivered.
   */
  once(key: DeliveryKey, deliver: () => Promise<void>): Promise<boolean>;
}

/**
 * One alert to one channel: what deliveries are keyed on. A run's alert names its
 * workflow and run (its delivery is kept beside the run); an alert about no single run —
 * a missed slot (workflow only), the digest (neither) — is kept in the tracker's partition.
 */
export interface DeliveryKey {
  workflowName?: string;
  runId?: string;
  /** The alert kind (failure, recovered, closed, resume-failed). */
  kind: string;
  /** What tells this alert apart from the run's others: its status and outcome, or the resume attempt. */
  detail: readonly string[];
  channel: string;
  /**
   * A member account's key prefix (docs/decisions/accounts-run-identity.md): its deliveries
   * are kept in its partition, and its transitions never pass for the home run's of the same ids.
   */
  keyPrefix?: string;
}

/**
 * The key as one string: `kind␀workflow␀run␀detail…|channel`. Deliveries recorded
 * before they moved beside their run are found by its digest, so it must not change.
 */
export function deliveryKeyText(key: DeliveryKey): string {
  // The home account's text is unchanged (its older deliveries are found by its digest).
  return `${key.keyPrefix ?? ""}${[key.kind, key.workflowName ?? "", key.runId ?? "", ...key.detail].join("\u0000")}|${key.channel}`;
}

/**
 * @example
 * const ledger = createDeliveryLedger({ maxKeys: 1000 });
 * const key = { workflowName: "nightly", runId: "wr_1", kind: "failure", detail: ["COMPLETED", "FAILED"], channel: "sns" };
 * await ledger.once(key, () => sns.publish(alert)); // true
 * await ledger.once(key, () => sns.publish(alert)); // false
 */
export function createDeliveryLedger(options: { maxKeys?: number } = {}): DeliveryLedger {
  const maxKeys = options.maxKeys ?? 10_000;
  const delivered = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();
  const remember = (key: string) => {
    delivered.add(key);
    if (delivered.size > maxKeys) {
      const oldest = delivered.values().next().value;
      if (oldest !== undefined) delivered.delete(oldest);
    }
  };
  const once = async (deliveryKey: DeliveryKey, deliver: () => Promise<void>): Promise<boolean> => {
    const key = deliveryKeyText(deliveryKey);
    if (delivered.has(key)) return false;
    const pending = inFlight.get(key);
    if (pending) {
      await pending.catch(() => undefined);
      return once(deliveryKey, deliver);
    }
    const attempt = deliver().then(() => remember(key));
    inFlight.set(key, attempt);
    try {
      await attempt;
      return true;
    } finally {
      inFlight.delete(key);
    }
  };
  return { once };
}
