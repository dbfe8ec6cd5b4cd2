/**
 * The alerts and resume functions read tracker events from SQS with core's schemas:
 * anything outside the contract fails the record (retried, then dead-lettered).
 */
import { Events } from "@glue-run-tracker/core";
import { describe, expect, it } from "vitest";
import { failedDetail } from "../../../core/test/resume/fixtures.ts";
import { parseAlertEvent, parseStateChange, UnreadableTrackerEventError } from "../../src/shared/tracker-event.ts";

const body = (detailType: string, detail: unknown) =>
  JSON.stringify({ source: Events.TRACKER_SOURCE, "detail-type": detailType, detail });

const resumeFailed = { workflowName: "nightly", runId: "wr_1", nodeIds: ["wnode_1"], attempt: 2, glueError: "X: no" };

describe("tracker events from SQS", () => {
  it("reads a state change for the resume function", () => {
    expect(parseStateChange(body(Events.TrackerDetailType.RunStateChange, failedDetail()))).toEqual(failedDetail());
  });

  it("reads both kinds of alert event", () => {
    // Act
    const change = parseAlertEvent(body(Events.TrackerDetailType.RunStateChange, failedDetail()));
    const refused = parseAlertEvent(body(Events.TrackerDetailType.RunResumeFailed, resumeFailed));

    // Assess
    expect(change).toEqual({ type: Events.TrackerDetailType.RunStateChange, detail: failedDetail() });
    expect(refused).toEqual({ type: Events.TrackerDetailType.RunResumeFailed, detail: resumeFailed });
  });

  it.each([
    ["not JSON", () => parseStateChange("{"), "not JSON"],
    [
      "a resume failure where a state change is expected",
      () => parseStateChange(body(Events.TrackerDetailType.RunResumeFailed, resumeFailed)),
      "detail-type",
    ],
    [
      "a run resumed event on the alerts queue",
      () => parseAlertEvent(body(Events.TrackerDetailType.RunResumed, resumeFailed)),
      "detail-type",
    ],
    [
      "an outcome the tracker does not have",
      () =>
        parseStateChange(body(Events.TrackerDetailType.RunStateChange, failedDetail({ outcome: "MAYBE" as never }))),
      "detail.outcome",
    ],
    // The previous state used to pass through unread; it is part of the contract.
    [
      "a previous status Glue does not have",
      () =>
        parseAlertEvent(
          body(Events.TrackerDetailType.RunStateChange, failedDetail({ previousStatus: "DONE" as never })),
        ),
      "detail.previousStatus",
    ],
  ])("refuses %s with a clear error", (_what, parse, fragment) => {
    expect(parse).toThrow(UnreadableTrackerEventError);
    expect(parse).toThrow(fragment);
  });
});
