/** Store integration tests share one local DynamoDB per file and take a fresh table when they need isolation. */
import { afterAll, beforeAll } from "vitest";
import { startDynamo, type TestDynamo } from "../../../../tests/support/dynamo.ts";
import { createRunStore, type RunStoreOptions } from "../../src/store/dynamo-run-store.ts";
import type { RunStore } from "../../src/store/run-store.ts";

export const PAGINATION_SECRET = "test-pagination-secret";

export interface StoreHarness {
  readonly dynamo: TestDynamo;
  /** A store over a new, empty table. */
  freshStore(options?: Partial<RunStoreOptions>): Promise<{ store: RunStore; tableName: string }>;
}

export function useLocalDynamo(): StoreHarness {
  let dynamo: TestDynamo | undefined;
  beforeAll(async () => {
    dynamo = await startDynamo();
  }, 120_000);
  afterAll(async () => {
    await dynamo?.stop();
  });
  const harness: StoreHarness = {
    get dynamo() {
      if (!dynamo) throw new Error("The local DynamoDB is not started yet (use it inside tests or hooks)");
      return dynamo;
    },
    async freshStore(options = {}) {
      const tableName = await harness.dynamo.createTable();
      const store = createRunStore({
        client: harness.dynamo.documentClient,
        tableName,
        paginationSecret: PAGINATION_SECRET,
        ...options,
      });
      return { store, tableName };
    },
  };
  return harness;
}
