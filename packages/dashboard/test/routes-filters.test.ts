import { describe, expect, it } from "vitest";
import { apiQueryFromFilters, filtersFromSearch, searchFromFilters, withFilter } from "../src/page/filters.ts";
import { failuresHref, runHref, runsHref, viewOf, workflowsHref } from "../src/page/routes.ts";
import { accountLabel, whereOf } from "../src/page/where.ts";

describe("viewOf (deep links)", () => {
  it.each([
    ["/ui/", { kind: "workflows" }],
    ["/ui", { kind: "workflows" }],
    ["/ui/failures", { kind: "failures" }],
    ["/ui/callback", { kind: "callback" }],
    ["/ui/workflows/nightly%20etl", { kind: "runs", workflow: "nightly etl", filters: {} }],
    ["/ui/workflows/a%2Fb/runs/wr_1", { kind: "run", workflow: "a/b", runId: "wr_1" }],
  ])("%s", (path, view) => {
    expect(viewOf(path, "")).toEqual(view);
  });

  it("answers a path it does not know (or cannot decode) with a not-found view", () => {
    expect(viewOf("/ui/nope", "").kind).toBe("not-found");
    expect(viewOf("/ui/workflows/x/runs/y/extra", "").kind).toBe("not-found");
    expect(viewOf("/ui/workflows/%E0%A4%A", "").kind).toBe("not-found");
  });

  it("round-trips names that need encoding through the hrefs", () => {
    const name = "sales daily/eu #1?";
    expect(viewOf(runHref(name, "wr_ä 1"), "")).toEqual({ kind: "run", workflow: name, runId: "wr_ä 1" });
    const href = runsHref(name, { outcome: "FAILED", startedAfter: "2026-01-01" });
    const [path, search] = href.split("?");
    expect(viewOf(path ?? "", `?${search}`)).toEqual({
      kind: "runs",
      workflow: name,
      filters: { outcome: "FAILED", startedAfter: "2026-01-01" },
    });
    expect(workflowsHref()).toBe("/ui/");
    expect(failuresHref()).toBe("/ui/failures");
  });
});

describe("a workflow's account and region in the page's URLs (docs/decisions/accounts-api.md)", () => {
  const where = { account: "222222222222", region: "eu-west-1" };
  const split = (href: string) => {
    const at = href.indexOf("?");
    return at < 0 ? [href, ""] : [href.slice(0, at), href.slice(at)];
  };

  it("round-trips account and region through run and runs links, next to the filters", () => {
    const [runPath, runSearch] = split(runHref("etl", "wr_1", where));
    expect(viewOf(runPath ?? "", runSearch ?? "")).toEqual({ kind: "run", workflow: "etl", runId: "wr_1", where });
    const [runsPath, runsSearch] = split(runsHref("etl", { outcome: "FAILED", page: "tok" }, where));
    expect(viewOf(runsPath ?? "", runsSearch ?? "")).toEqual({
      kind: "runs",
      workflow: "etl",
      filters: { outcome: "FAILED", page: "tok" },
      where,
    });
  });

  it("leaves the links of the home account (no account named) as they were", () => {
    expect(runHref("etl", "wr_1")).toBe("/ui/workflows/etl/runs/wr_1");
    expect(runHref("etl", "wr_1", whereOf({}))).toBe("/ui/workflows/etl/runs/wr_1");
    expect(whereOf({ AccountId: "222222222222", Region: "eu-west-1" })).toEqual(where);
    // A region alone is not an address (the API names both, or neither on a single-account tracker).
    expect(whereOf({ Region: "us-east-1" })).toBeUndefined();
  });

  it("labels an account by alias, id and region", () => {
    expect(accountLabel({ AccountId: "222222222222", Region: "eu-west-1", AccountAlias: "analytics" })).toBe(
      "analytics (222222222222, eu-west-1)",
    );
    expect(accountLabel({ AccountId: "111111111111", Region: "us-east-1" })).toBe("111111111111, us-east-1");
    expect(accountLabel({})).toBe("");
  });
});

describe("run filters ⇄ URL ⇄ API query", () => {
  it("reads the filters of a shared link and writes them back in a fixed order", () => {
    const search = "?page=tok&outcome=FAILED&status=COMPLETED&startedBefore=2026-02-01&startedAfter=2026-01-01";
    const filters = filtersFromSearch(search);
    expect(filters).toEqual({
      status: "COMPLETED",
      outcome: "FAILED",
      startedAfter: "2026-01-01",
      startedBefore: "2026-02-01",
      page: "tok",
    });
    expect(searchFromFilters(filters)).toBe(
      "?status=COMPLETED&outcome=FAILED&startedAfter=2026-01-01&startedBefore=2026-02-01&page=tok",
    );
    expect(searchFromFilters({})).toBe("");
  });

  it("drops values the API would refuse instead of failing the page", () => {
    expect(filtersFromSearch("?status=MAYBE&outcome=<script>&startedAfter=yesterday&startedBefore=2026-13-45")).toEqual(
      {},
    );
    expect(filtersFromSearch("?outcome=UNKNOWN&startedAfter=2026-01-01T10:00:00Z")).toEqual({
      outcome: "UNKNOWN",
      startedAfter: "2026-01-01T10:00:00Z",
    });
  });

  it("asks the API for the whole 'started before' day and passes the page token as nextToken", () => {
    expect(
      apiQueryFromFilters(
        { outcome: "FAILED", startedAfter: "2026-01-01", startedBefore: "2026-01-31", page: "t" },
        50,
      ),
    ).toEqual({
      maxResults: "50",
      outcome: "FAILED",
      startedAfter: "2026-01-01",
      startedBefore: "2026-01-31T23:59:59.999Z",
      nextToken: "t",
    });
    expect(apiQueryFromFilters({ startedBefore: "2026-01-31T10:00:00Z" }, 10).startedBefore).toBe(
      "2026-01-31T10:00:00Z",
    );
  });

  it("a changed filter starts again at the first page; clearing one removes it", () => {
    const filters = { outcome: "FAILED", status: "COMPLETED", page: "t" };
    expect(withFilter(filters, "outcome", "ERROR")).toEqual({ outcome: "ERROR", status: "COMPLETED" });
    expect(withFilter(filters, "status", "")).toEqual({ outcome: "FAILED" });
  });
});
