/**
 * Which (transition, channel) pairs already took their alert, in this process.
 * Bounded: the oldest keys are forgotten first, long after any duplicate delivery.
 */
export interface DeliveryLedger {
  has(key: string): boolean;
  add(key: string): void;
}

/**
 * @example
 * const ledger = createDeliveryLedger({ maxKeys: 1000 });
 * ledger.add("failure|nightly|wr_1|sns");
 */
export function createDeliveryLedger(options: { maxKeys?: number } = {}): DeliveryLedger {
  const maxKeys = options.maxKeys ?? 10_000;
  const keys = new Set<string>();
  return {
    has: (key) => keys.has(key),
    add(key) {
      keys.add(key);
      if (keys.size > maxKeys) {
        const oldest = keys.values().next().value;
        if (oldest !== undefined) keys.delete(oldest);
      }
    },
  };
}
