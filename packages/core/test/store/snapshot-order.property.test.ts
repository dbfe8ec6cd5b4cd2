/**
 * The property: 1,000 random delivery orders of a run's snapshot sequence,
 * each snapshot delivered 1–3 times, through the real store on a local DynamoDB.
 * Each property run delivers a batch of independent runs concurrently (their own
 * run ids, one table), which keeps 1,000 orders to seconds while fast-check still
 * shrinks a failing batch to its smallest scenario.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StoreTarget, storeTarget } from "../../../../tests/support/dynamo.ts";
import type { RunState, Transition } from "../../src/store/run-store.ts";
import { deriveOutcome } from "../../src/workflow-run/outcome.ts";
import { runId, runLifecycle } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();
/**
 * 1,000 orders on dynalite (the main suite). The DynamoDB Local pass re-checks the
 * same property with fewer orders: it is there for its stricter request validation,
 * and its JVM answers several times slower.
 */
const ORDERS = storeTarget() === StoreTarget.DynamoDbLocal ? 250 : 1_000;
const BATCH = 10;

type Lifecycle = ReturnType<typeof runLifecycle>;

/** A lifecycle and a delivery: every snapshot 1–3 times, in any order. */
const scenarios = fc
  .record({
    actions: fc.integer({ min: 0, max: 2 }),
    ending: fc.constantFrom<"SUCCEEDED" | "FAILED" | "STOPPED">("SUCCEEDED", "FAILED", "STOPPED"),
  })
  .chain(({ actions, ending }) => {
    const lifecycle = runLifecycle("placeholder", actions, ending);
    return fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: lifecycle.length, maxLength: lifecycle.length })
      .chain((copies) => {
        const deliveries = lifecycle.flatMap((_, index) => Array.from({ length: copies[index] ?? 1 }, () => index));
        return fc.shuffledSubarray(deliveries, { minLength: deliveries.length });
      })
      .map((order) => ({ actions, ending, order }));
  });

type Scenario = { actions: number; ending: "SUCCEEDED" | "FAILED" | "STOPPED"; order: number[] };

/** Status/outcome of each snapshot, consecutive repeats collapsed: the real states, in order. */
function realStates(lifecycle: Lifecycle): RunState[] {
  const states: RunState[] = [];
  for (const { run } of lifecycle) {
    const state = { status: run.Status ?? "RUNNING", outcome: deriveOutcome(run) };
    const last = states.at(-1);
    if (!last || last.status !== state.status || last.outcome !== state.outcome) states.push(state);
  }
  return states;
}

const key = (state: RunState | null) => (state ? `${state.status}/${state.outcome}` : "none");

describe("putSnapshot under reordered and repeated delivery (property)", () => {
  it(`keeps the most progressed snapshot and reports each real transition once (${ORDERS} orders)`, async () => {
    const { store } = await local.freshStore();
    let next = 0;
    const deliver = async ({ actions, ending, order }: Scenario) => {
      // Prepare
      const id = runId(`property-${next++}`);
      const lifecycle = runLifecycle(id, actions, ending);
      // Act
      const transitions: Transition[] = [];
      for (const index of order) {
        const snapshot = lifecycle[index];
        if (!snapshot) throw new Error("delivery outside the lifecycle");
        const result = await store.putSnapshot({ ...snapshot, via: "event" });
        if (result.transition) transitions.push(result.transition);
      }
      // Assess: the stored run is the last (most progressed) snapshot …
      const latest = lifecycle.at(-1);
      const stored = await store.getRun("nightly-etl", id);
      // Run properties are stored but not part of the read model (getRunProperties reads them).
      const { WorkflowRunProperties: _properties, ...served } = latest?.run ?? {};
      expect(stored).toMatchObject({ ...served, LastObservedAt: latest?.observedAt });
      expect(stored?.FirstSeenAt).toBe(lifecycle[order[0] ?? 0]?.observedAt);
      // … and the reported transitions walk forward through the real states, each once, ending at the last.
      const real = realStates(lifecycle).map(key);
      const reported = transitions.map((t) => key(t.current));
      expect(new Set(reported).size).toBe(reported.length);
      expect(reported.at(-1)).toBe(real.at(-1));
      const positions = reported.map((state) => real.indexOf(state));
      expect(positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? -1)))).toBe(true);
      expect(transitions.map((t) => key(t.previous))).toEqual(["none", ...reported.slice(0, -1)]);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(scenarios, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.map(deliver));
      }),
      { numRuns: ORDERS / BATCH },
    );
  }, 300_000);

  it("reports exactly the real transitions when snapshots arrive in order, with duplicates", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const lifecycle = runLifecycle(runId("in-order"), 3, "STOPPED");
    // Act
    const reported: string[] = [];
    for (const snapshot of lifecycle.flatMap((s) => [s, s])) {
      const { transition } = await store.putSnapshot({ ...snapshot, via: "event" });
      if (transition) reported.push(`${key(transition.previous)} → ${key(transition.current)}`);
    }
    // Assess
    expect(reported).toEqual([
      "none → RUNNING/RUNNING",
      "RUNNING/RUNNING → STOPPING/RUNNING",
      "STOPPING/RUNNING → STOPPED/STOPPED",
    ]);
  });
});
