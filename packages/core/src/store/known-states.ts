/**
 * What this process last stored of a run: its state, and whether that state is known to
 * be announced. Only a hint for putSnapshot's choice of write (snapshot-writer.ts): the
 * write's own condition checks the same facts on the stored item, so a stale hint costs
 * one refused write, never a wrong result (docs/decisions/store-unchanged-state-write.md).
 */
import type { RunState } from "./run-store.ts";

export interface KnownState extends RunState {
  /** `Announced` holds this state (or a later one), as far as this process saw. */
  announced: boolean;
  /** The Rank this process stored last: a snapshot not above it is a duplicate, refused anyway. */
  rank: string;
}

/** Bounded: a long-lived process tracking many runs keeps the most recent ones. */
const MAX_KNOWN_RUNS = 5_000;

export class KnownStates {
  readonly #runs = new Map<string, KnownState>();

  get(key: { pk: string; sk: string }): KnownState | undefined {
    return this.#runs.get(id(key));
  }

  set(key: { pk: string; sk: string }, state: KnownState): void {
    const runId = id(key);
    this.#runs.delete(runId); // re-inserted last: the most recent stay
    if (this.#runs.size >= MAX_KNOWN_RUNS) {
      const oldest = this.#runs.keys().next().value;
      if (oldest !== undefined) this.#runs.delete(oldest);
    }
    this.#runs.set(runId, state);
  }

  /** The state is now announced (a commit of this process). */
  markAnnounced(key: { pk: string; sk: string }, state: RunState): void {
    const known = this.get(key);
    if (known && known.status === state.status && known.outcome === state.outcome) {
      this.set(key, { ...known, announced: true });
    }
  }

  forget(key: { pk: string; sk: string }): void {
    this.#runs.delete(id(key));
  }
}

function id(key: { pk: string; sk: string }): string {
  return `${key.pk}\n${key.sk}`;
}
