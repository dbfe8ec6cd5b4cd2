/** Timing helpers for the benches: throughput with bounded concurrency, latency percentiles. */

/** Runs `count` tasks with at most `concurrency` in flight; returns tasks per second. */
export async function throughput(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return count / ((performance.now() - started) / 1000);
}

/**
 * Latencies (ms) of `count` sequential calls of each function, interleaved so drift
 * hits all alike, in a rotating order so no call always follows the same one (a GC
 * pause provoked by one call's garbage lands on whichever call comes next).
 */
export async function interleavedLatencies(
  count: number,
  calls: Record<string, () => Promise<unknown>>,
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((name) => [name, []]));
  const entries = Object.entries(calls);
  for (let i = 0; i < count; i++) {
    const rotated = [...entries.slice(i % entries.length), ...entries.slice(0, i % entries.length)];
    for (const [name, call] of rotated) {
      const started = performance.now();
      await call();
      samples[name]?.push(performance.now() - started);
    }
  }
  return samples;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
