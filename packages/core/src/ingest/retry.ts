/** Bounded retries for the commands (backfill) that run outside a queue's redelivery. */

interface MaybeRetryable {
  retryable?: boolean;
}

/**
 * Runs `operation`, retrying errors marked `retryable` (Glue throttling, outages)
 * with full-jitter exponential backoff.
 *
 * @example
 * const page = await withRetries(() => glue.getWorkflowRuns(name), { attempts: 8 });
 */
export async function withRetries<T>(
  operation: () => Promise<T>,
  options: { attempts?: number; baseMs?: number; maxMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const attempts = options.attempts ?? 8;
  const baseMs = options.baseMs ?? 200;
  const maxMs = options.maxMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error as MaybeRetryable | undefined)?.retryable || attempt >= attempts) throw error;
      await sleep(Math.random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
    }
  }
}
