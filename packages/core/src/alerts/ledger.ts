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
  once(key: string, deliver: () => Promise<void>): Promise<boolean>;
}

/**
 * @example
 * const ledger = createDeliveryLedger({ maxKeys: 1000 });
 * await ledger.once("failure|nightly|wr_1|sns", () => sns.publish(alert)); // true
 * await ledger.once("failure|nightly|wr_1|sns", () => sns.publish(alert)); // false
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
  const once = async (key: string, deliver: () => Promise<void>): Promise<boolean> => {
    if (delivered.has(key)) return false;
    const pending = inFlight.get(key);
    if (pending) {
      await pending.catch(() => undefined);
      return once(key, deliver);
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
