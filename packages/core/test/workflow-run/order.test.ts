import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { compareSnapshots, progressKey, snapshotRank } from "../../src/workflow-run/order.ts";
import { at, run, runId, runLifecycle } from "./fixtures.ts";

describe("snapshot order", () => {
  it("never lets a terminal status regress to running, whatever the statistics", () => {
    // Prepare
    const completed = {
      run: run({ status: "COMPLETED", stats: { TotalActions: 1, SucceededActions: 1 } }),
      observedAt: at(1),
    };
    const laterRunning = {
      run: run({ status: "RUNNING", stats: { TotalActions: 9, SucceededActions: 8 } }),
      observedAt: at(9),
    };
    // Act & Assess
    expect(compareSnapshots(completed, laterRunning)).toBeGreaterThan(0);
  });

  it("puts STOPPING beyond RUNNING and STOPPED beyond STOPPING", () => {
    const running = {
      run: run({ status: "RUNNING", stats: { TotalActions: 5, SucceededActions: 4 } }),
      observedAt: at(5),
    };
    const stopping = { run: run({ status: "STOPPING" }), observedAt: at(1) };
    const stopped = { run: run({ status: "STOPPED" }), observedAt: at(0) };
    expect([stopped, running, stopping].sort(compareSnapshots)).toEqual([running, stopping, stopped]);
  });

  it("among equal status prefers more finished actions, then more actions, then the later observation", () => {
    // Prepare
    const moreTotal = { run: run({ stats: { TotalActions: 3, SucceededActions: 1 } }), observedAt: at(1) };
    const moreFinished = { run: run({ stats: { TotalActions: 2, SucceededActions: 2 } }), observedAt: at(0) };
    const sameButLater = { run: run({ stats: { TotalActions: 3, SucceededActions: 1 } }), observedAt: at(2) };
    // Act
    const sorted = [moreFinished, sameButLater, moreTotal].sort(compareSnapshots);
    // Assess
    expect(sorted).toEqual([moreTotal, sameButLater, moreFinished]);
  });

  it("ranks a re-delivered snapshot equal to itself (a duplicate), whatever the ISO spelling", () => {
    const a = { run: run(), observedAt: "2026-11-01T08:00:00Z" };
    const b = { run: run(), observedAt: "2026-11-01T08:00:00.000Z" };
    expect(compareSnapshots(a, b)).toBe(0);
    expect(snapshotRank(a)).toBe(`${progressKey(a.run)}|-|2026-11-01T08:00:00.000Z`);
  });

  it("prefers, at equal progress, the snapshot that carries the graph over a later one without", () => {
    const withGraph = { run: run({ graph: { Nodes: [], Edges: [] } }), observedAt: at(1) };
    const laterWithout = { run: run(), observedAt: at(2) };
    expect(compareSnapshots(withGraph, laterWithout)).toBeGreaterThan(0);
  });

  it("refuses an observation time that is not ISO-8601", () => {
    expect(() => snapshotRank({ run: run(), observedAt: "yesterday" })).toThrow(InvalidInputError);
  });

  it("sorts any permutation of a lifecycle back into the order Glue produced it (property)", () => {
    const ending = fc.constantFrom<"SUCCEEDED" | "FAILED" | "STOPPED">("SUCCEEDED", "FAILED", "STOPPED");
    const lifecycles = fc
      .tuple(fc.integer({ min: 0, max: 12 }), ending)
      .map(([actions, end]) => runLifecycle(runId(1), actions, end));
    const permutations = lifecycles.chain((lifecycle) =>
      fc.tuple(fc.constant(lifecycle), fc.shuffledSubarray(lifecycle, { minLength: lifecycle.length })),
    );
    fc.assert(
      fc.property(permutations, ([lifecycle, shuffled]) => {
        expect([...shuffled].sort(compareSnapshots)).toEqual(lifecycle);
      }),
    );
  });
});
