/**
 * The events Glue sends to EventBridge, in their documented shapes (Amazon CloudWatch Events
 * User Guide, "AWS Glue Events": Glue Job State Change, Glue Job Run Status, Glue Crawler State
 * Change), and their delivery to a callback and/or an EventBridge PutEvents endpoint.
 */
import { randomUUID } from "node:crypto";
import { GLUE_SOURCE, type GlueDetailType } from "@glue-run-tracker/glue-model";

/** Detail of `Glue Job State Change` (SUCCEEDED, FAILED, TIMEOUT, STOPPED). */
export interface JobStateChangeDetail {
  jobName: string;
  severity: "INFO" | "WARN" | "ERROR";
  state: "SUCCEEDED" | "FAILED" | "TIMEOUT" | "STOPPED";
  jobRunId: string;
  message: string;
}

/** Detail of `Glue Job Run Status` (still STARTING / RUNNING / STOPPING past NotifyDelayAfter). */
export interface JobRunStatusDetail {
  jobName: string;
  severity: "INFO";
  notificationCondition: { NotifyDelayAfter: number };
  state: "STARTING" | "RUNNING" | "STOPPING";
  jobRunId: string;
  message: string;
  startedOn: string;
}

export interface CrawlerStartedDetail {
  accountId: string;
  crawlerName: string;
  startTime: string;
  state: "Started";
  message: "Crawler Started";
}

/** Glue sends the counts as strings, and "runningTime (sec)" with that exact key. */
export interface CrawlerSucceededDetail {
  tablesCreated: string;
  warningMessage: string;
  partitionsUpdated: string;
  tablesUpdated: string;
  message: "Crawler Succeeded";
  partitionsDeleted: string;
  accountId: string;
  "runningTime (sec)": string;
  tablesDeleted: string;
  crawlerName: string;
  completionDate: string;
  state: "Succeeded";
  partitionsCreated: string;
  cloudWatchLogLink: string;
}

export interface CrawlerFailedDetail {
  crawlerName: string;
  errorMessage: string;
  accountId: string;
  cloudWatchLogLink: string;
  state: "Failed";
  message: "Crawler Failed";
}

export type GlueEventDetail =
  | JobStateChangeDetail
  | JobRunStatusDetail
  | CrawlerStartedDetail
  | CrawlerSucceededDetail
  | CrawlerFailedDetail;

/** The EventBridge envelope, as a rule target receives it. */
export interface GlueEvent<D extends GlueEventDetail = GlueEventDetail> {
  version: "0";
  id: string;
  "detail-type": GlueDetailType;
  source: typeof GLUE_SOURCE;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}

/** EventBridge times have whole seconds: 2017-09-07T18:57:21Z. */
export const eventTime = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

export const crawlerLogLink = (region: string, crawlerName: string): string =>
  `https://console.aws.amazon.com/cloudwatch/home?region=${region}#logEventViewer:group=/aws-glue/crawlers;stream=${crawlerName}`;

const JOB_STATE_SEVERITY = { SUCCEEDED: "INFO", STOPPED: "INFO", TIMEOUT: "WARN", FAILED: "ERROR" } as const;

export function jobStateChangeDetail(
  jobName: string,
  jobRunId: string,
  state: JobStateChangeDetail["state"],
  errorMessage: string | undefined,
): JobStateChangeDetail {
  const message =
    state === "SUCCEEDED"
      ? "Job run succeeded"
      : state === "STOPPED"
        ? "Job run stopped"
        : state === "TIMEOUT"
          ? "Job run timed out"
          : `JobName:${jobName} and JobRunId:${jobRunId} failed to execute with exception ${errorMessage ?? "Job run failed"}`;
  return { jobName, severity: JOB_STATE_SEVERITY[state], state, jobRunId, message };
}

export function jobRunStatusDetail(
  jobName: string,
  jobRunId: string,
  state: JobRunStatusDetail["state"],
  notifyDelayAfter: number,
  startedOnMs: number,
): JobRunStatusDetail {
  return {
    jobName,
    severity: "INFO",
    notificationCondition: { NotifyDelayAfter: notifyDelayAfter },
    state,
    jobRunId,
    message: `Job is in ${state} state`,
    startedOn: new Date(startedOnMs).toISOString(),
  };
}

export interface DeliveryOptions {
  region: string;
  accountId: string;
  onEvent: ((event: GlueEvent) => void) | undefined;
  eventsEndpoint: string | undefined;
  eventBusName: string | undefined;
}

interface PutEventsResult {
  FailedEntryCount?: number;
  Entries?: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/** PutEvents takes at most 10 entries per call. */
const PUT_EVENTS_BATCH = 10;
const PUT_EVENTS_ATTEMPTS = 3;

/**
 * Builds envelopes and delivers them in order, off the engine's call stack: a throwing
 * callback or an unreachable endpoint never breaks the emulator (delivery is best effort, as
 * Glue's is).
 */
export class EventSink {
  private readonly options: DeliveryOptions;
  private readonly pending: GlueEvent[] = [];
  private delivery: Promise<void> = Promise.resolve();
  private scheduled = false;
  /** Every event emitted, for tests and debugging (most recent last). */
  readonly emitted: GlueEvent[] = [];

  constructor(options: DeliveryOptions) {
    this.options = options;
  }

  emit(detailType: GlueDetailType, detail: GlueEventDetail, atMs: number): GlueEvent {
    const event: GlueEvent = {
      version: "0",
      id: randomUUID(),
      "detail-type": detailType,
      source: GLUE_SOURCE,
      account: this.options.accountId,
      time: eventTime(atMs),
      region: this.options.region,
      resources: [],
      detail,
    };
    this.emitted.push(event);
    if (this.emitted.length > 10_000) this.emitted.splice(0, this.emitted.length - 10_000);
    if (this.options.onEvent || this.options.eventsEndpoint) {
      this.pending.push(event);
      this.schedule();
    }
    return event;
  }

  /** Resolves once every event emitted so far has been handed over. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.scheduled) {
      await this.delivery;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.delivery;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.pending.splice(0, this.pending.length);
      this.delivery = this.delivery.then(() => this.deliver(batch));
    });
  }

  private async deliver(batch: GlueEvent[]): Promise<void> {
    for (const event of batch) {
      try {
        this.options.onEvent?.(event);
      } catch (error) {
        console.warn(`glue-local: onEvent callback threw: ${(error as Error).message}`);
      }
    }
    const endpoint = this.options.eventsEndpoint;
    if (!endpoint) return;
    for (let i = 0; i < batch.length; i += PUT_EVENTS_BATCH) {
      await this.putEvents(endpoint, batch.slice(i, i + PUT_EVENTS_BATCH));
    }
  }

  private async putEvents(endpoint: string, events: GlueEvent[]): Promise<void> {
    const body = JSON.stringify({
      Entries: events.map((e) => ({
        Source: e.source,
        DetailType: e["detail-type"],
        Detail: JSON.stringify(e.detail),
        Resources: e.resources,
        Time: Date.parse(e.time) / 1000,
        ...(this.options.eventBusName ? { EventBusName: this.options.eventBusName } : {}),
      })),
    });
    for (let attempt = 1; attempt <= PUT_EVENTS_ATTEMPTS; attempt++) {
      try {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.PutEvents" },
          body,
        });
        if (response.ok) {
          const result = (await response.json().catch(() => ({}))) as PutEventsResult;
          if ((result.FailedEntryCount ?? 0) > 0) {
            const failed = result.Entries?.find((e) => e.ErrorCode);
            console.warn(
              `glue-local: PutEvents refused ${result.FailedEntryCount} event(s): ${failed?.ErrorCode} ${failed?.ErrorMessage ?? ""}`,
            );
          }
          return;
        }
        throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      } catch (error) {
        if (attempt === PUT_EVENTS_ATTEMPTS) {
          console.warn(
            `glue-local: PutEvents to ${endpoint} failed, ${events.length} event(s) dropped: ${(error as Error).message}`,
          );
        } else {
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    }
  }
}
