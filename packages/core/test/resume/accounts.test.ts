/**
 * Auto-resume and commands per tracked account (docs/decisions/accounts-flows.md): the
 * event's or message's account picks the store and Glue client; none is the home
 * account's (events and messages older than accounts); an untracked one is dropped
 * (auto-resume) or refused as bad input (commands).
 */
import { describe, expect, it } from "vitest";
import { UnknownAccountError } from "../../src/accounts/account.ts";
import { createAccountRegistry } from "../../src/accounts/registry.ts";
import { type CommandDeps, inAccount } from "../../src/commands/commands.ts";
import { RunStateChangeDetailSchema } from "../../src/events/tracker-events.ts";
import type { GlueFor } from "../../src/glue/gateway.ts";
import { createMemoryPublisher } from "../../src/ingest/tracker-publisher.ts";
import { onFailedRun } from "../../src/resume/on-failed-run.ts";
import { resumePolicyFromEnv } from "../../src/resume/policy.ts";
import { parseResumeRequest, type ResumeQueue, type ResumeRequest } from "../../src/resume/resume-queue.ts";
import { performResume, type ResumeAccountDeps } from "../../src/resume/worker.ts";
import type { RunStore } from "../../src/store/run-store.ts";
import type { RunSnapshot } from "../../src/workflow-run/types.ts";
import { createResumeStore, failedDetail, trackedRun } from "./fixtures.ts";

const registry = createAccountRegistry({ accountId: "111111111111", region: "us-east-1" }, [
  { AccountId: "222222222222", Region: "eu-west-1", Alias: "analytics" },
]);
const member = registry.resolve({ accountId: "222222222222", region: "eu-west-1" });
const MEMBER_WHERE = { AccountId: "222222222222", Region: "eu-west-1" };
const CLAIMED_AT = "2026-01-01T00:15:00.000Z";

function queue(): ResumeQueue & { sent: ResumeRequest[] } {
  const sent: ResumeRequest[] = [];
  return { sent, send: async (request) => void sent.push(request) };
}

function glue(label: string): GlueFor<"resumeWorker"> & { resumes: string[] } {
  const resumes: string[] = [];
  return {
    resumes,
    async resumeWorkflowRun(_name, runId, nodeIds) {
      resumes.push(runId);
      return { runId: `${label}_resumed`, nodeIds };
    },
    async getWorkflowRun(name, runId): Promise<RunSnapshot> {
      return { Name: name, WorkflowRunId: runId, Status: "RUNNING" };
    },
  };
}

/** The claimed failed run, as each account's store holds it. */
function accountSide(label: string) {
  const store = createResumeStore([
    trackedRun(failedDetail(), {
      AutoResume: { Attempts: 1, LastAttemptAt: CLAIMED_AT, Decision: "resumed", Reason: "Transient." },
    }),
  ]);
  const recorded: RunSnapshot[] = [];
  const deps: ResumeAccountDeps = {
    store,
    glue: glue(label),
    publisher: createMemoryPublisher(),
    recordRun: async (snapshot) => void recorded.push(snapshot),
  };
  return { store, deps, recorded, glue: deps.glue as ReturnType<typeof glue> };
}

const request: ResumeRequest = {
  kind: "resume",
  workflowName: "nightly",
  runId: "wr_1",
  nodeIds: ["job-load"],
  attempt: 1,
  claimedAt: CLAIMED_AT,
  notBefore: "2026-01-01T00:17:00.000Z",
};

function worker() {
  const home = accountSide("home");
  const analytics = accountSide("member");
  const deps = {
    ...home.deps,
    accounts: { registry, of: () => analytics.deps },
    queue: queue(),
    now: () => new Date("2026-01-01T00:17:00.500Z"),
  };
  return { home, analytics, deps };
}

describe("auto-resume per account", () => {
  it("resumes a member's run with the member's Glue and records it there; the home side is untouched", async () => {
    // Prepare
    const { home, analytics, deps } = worker();

    // Act
    const outcome = await performResume(deps, { ...request, accountId: "222222222222", region: "eu-west-1" });

    // Assess
    expect(outcome).toMatchObject({ result: "resumed", resumedRunId: "member_resumed", followUpErrors: [] });
    expect(analytics.glue.resumes).toEqual(["wr_1"]);
    expect(home.glue.resumes).toEqual([]);
    expect((await analytics.store.getRun("nightly", "wr_1"))?.ResumedAs).toEqual(["member_resumed"]);
    expect((await home.store.getRun("nightly", "wr_1"))?.ResumedAs).toBeUndefined();
    expect(analytics.recorded.map((r) => r.WorkflowRunId)).toEqual(["member_resumed"]);
  });

  it("treats a message without an account (sent before accounts) as the home account's", async () => {
    // Prepare
    const { home, analytics, deps } = worker();
    const older = parseResumeRequest(JSON.stringify(request));

    // Act
    const outcome = await performResume(deps, older);

    // Assess
    expect(older.accountId).toBeUndefined();
    expect(outcome.result).toBe("resumed");
    expect(home.glue.resumes).toEqual(["wr_1"]);
    expect(analytics.glue.resumes).toEqual([]);
  });

  it("drops a message of an account no longer tracked, touching no Glue", async () => {
    // Prepare
    const { home, analytics, deps } = worker();

    // Act
    const outcome = await performResume(deps, { ...request, accountId: "333333333333", region: "eu-west-1" });

    // Assess
    expect(outcome.result).toBe("unknown-account");
    expect([...home.glue.resumes, ...analytics.glue.resumes]).toEqual([]);
  });

  it("decides on the member's store and names the account on the resume message; an untracked account is dropped", async () => {
    // Prepare: the failed run only in the member's store
    const homeStore = createResumeStore();
    const memberStore = createResumeStore([trackedRun(failedDetail())]);
    const q = queue();
    const deps = {
      store: homeStore,
      accounts: { registry, of: () => ({ store: memberStore }) },
      queue: q,
      policy: resumePolicyFromEnv({}),
    };

    // Act
    const decided = await onFailedRun(deps, failedDetail(MEMBER_WHERE));
    const untracked = await onFailedRun(deps, failedDetail({ ...MEMBER_WHERE, AccountId: "333333333333" }));
    const older = await onFailedRun(deps, failedDetail());

    // Assess
    expect(decided.result).toBe("decided");
    expect((await memberStore.getRun("nightly", "wr_1"))?.AutoResume?.Decision).toBe("resumed");
    expect(q.sent).toEqual([
      expect.objectContaining({ accountId: "222222222222", region: "eu-west-1", runId: "wr_1" }),
    ]);
    expect(untracked.result).toBe("unknown-account");
    // Without an account the event is the home account's, whose store does not hold the run.
    expect(older.result).toBe("not-failed");
  });

  it("parses tracker events with and without the run's account; refuses a malformed account id", () => {
    // Act
    const withAccount = RunStateChangeDetailSchema.safeParse(failedDetail(MEMBER_WHERE));
    const older = RunStateChangeDetailSchema.safeParse(failedDetail());
    const malformed = RunStateChangeDetailSchema.safeParse(failedDetail({ AccountId: "2222" }));

    // Assess
    expect(withAccount.data).toMatchObject(MEMBER_WHERE);
    expect(older.success).toBe(true);
    expect(malformed.success).toBe(false);
  });
});

describe("commands per account", () => {
  const deps = (label: string) => ({ store: { label } as unknown as RunStore }) as unknown as CommandDeps;
  const home = deps("home");
  const analytics = deps("member");
  const all: CommandDeps = { ...home, accounts: { registry, of: (a) => (a === member ? analytics : home) } };

  it("picks the named account's deps, the home account's by default, and refuses an untracked account as bad input", () => {
    // Act and assess
    expect(inAccount(all, { accountId: "222222222222", region: "eu-west-1" }).store).toBe(analytics.store);
    expect(inAccount(all).store).toBe(home.store);
    expect(inAccount(all, { region: "us-east-1" }).store).toBe(home.store);
    expect(() => inAccount(all, { accountId: "333333333333" })).toThrow(UnknownAccountError);
    // A single-account tracker's commands: its one account, whatever is asked.
    expect(inAccount(home, { accountId: "333333333333" })).toBe(home);
  });
});
