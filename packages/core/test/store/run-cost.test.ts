/** A run's Cost is computed when a snapshot with a graph is stored, and kept by snapshots without one. */
import { describe, expect, it } from "vitest";
import { at, jobNode, run, runId } from "../workflow-run/fixtures.ts";
import { useLocalDynamo } from "./harness.ts";

const local = useLocalDynamo();

function costlyGraph(executionTime: number) {
  const node = jobNode("transform", ["SUCCEEDED"]);
  for (const jobRun of node.JobDetails?.JobRuns ?? []) {
    Object.assign(jobRun, { WorkerType: "G.2X", NumberOfWorkers: 5, ExecutionTime: executionTime });
  }
  return { Nodes: [node], Edges: [] };
}

describe("Cost on the stored run", () => {
  it("is computed from the graph with the store's prices, served by getRun, listRuns and the transition", async () => {
    // Prepare
    const { store } = await local.freshStore({
      prices: { standardPerDpuHour: 1, flexPerDpuHour: 0.5, currency: "EUR" },
    });
    const id = runId("costly");
    const completed = run({
      id,
      status: "COMPLETED",
      completedOn: at(60),
      stats: { TotalActions: 1, SucceededActions: 1 },
      graph: costlyGraph(3600),
    });
    // Act
    const { transition } = await store.putSnapshot({ run: completed, observedAt: at(61), via: "event" });
    // Assess
    const expected = { DpuSeconds: 10 * 3600, Amount: 10, Currency: "EUR", Estimated: false };
    expect(transition?.run.Cost).toEqual(expected);
    expect((await store.getRun("nightly-etl", id))?.Cost).toEqual(expected);
    expect((await store.listRuns("nightly-etl")).items[0]?.Cost).toEqual(expected);
  });

  it("stays as last computed when a later snapshot carries no graph, and follows a newer graph", async () => {
    // Prepare
    const { store } = await local.freshStore();
    const id = runId("kept");
    await store.putSnapshot({
      run: run({ id, stats: { TotalActions: 1, RunningActions: 1 }, graph: costlyGraph(600) }),
      observedAt: at(1),
      via: "event",
    });
    // Act: a snapshot without graph, then one with a longer execution time
    await store.putSnapshot({
      run: run({ id, stats: { TotalActions: 2, RunningActions: 2 } }),
      observedAt: at(2),
      via: "recheck",
    });
    const kept = (await store.getRun("nightly-etl", id))?.Cost;
    await store.putSnapshot({
      run: run({
        id,
        status: "COMPLETED",
        completedOn: at(30),
        stats: { TotalActions: 2, SucceededActions: 2 },
        graph: costlyGraph(1800),
      }),
      observedAt: at(31),
      via: "recheck",
    });
    // Assess: list prices by default
    expect(kept).toEqual({ DpuSeconds: 6000, Amount: 0.733333, Currency: "USD", Estimated: false });
    expect((await store.getRun("nightly-etl", id))?.Cost).toMatchObject({ DpuSeconds: 18000, Amount: 2.2 });
  });
});
