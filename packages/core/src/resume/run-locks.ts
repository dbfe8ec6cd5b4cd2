/**
 * In-process serialization of resume attempts per run. SQS may deliver a resume
 * message twice, possibly at the same time (a redelivery after the visibility
 * timeout while the first is still working). Under the lock the second delivery
 * sees the first one's ResumedAs and stops ("already-resumed") instead of waiting
 * on the store's lease ("in-progress"). Correctness across containers comes from
 * that lease (RunStore.beginResumeAttempt); this only makes the common in-process
 * case cheaper and its log line clearer.
 */
export interface RunLocks {
  withLock<T>(key: string, action: () => Promise<T>): Promise<T>;
}

/**
 * @example
 * const locks = createRunLocks(); // once per process
 * await locks.withLock("nightly/wr_1", () => resume());
 */
export function createRunLocks(): RunLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async withLock(key, action) {
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.catch(() => undefined).then(action);
      tails.set(key, current);
      try {
        return await current;
      } finally {
        if (tails.get(key) === current) tails.delete(key);
      }
    },
  };
}
