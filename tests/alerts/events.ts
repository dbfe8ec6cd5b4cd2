/** Tracker events as the alerts and resume functions receive them: EventBridge events inside SQS records. */
import { randomUUID } from "node:crypto";
import { Events } from "@glue-run-tracker/core";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";

export function trackerEvent(detail: Events.RunStateChangeDetail, id: string = randomUUID()) {
  return {
    version: "0",
    id,
    "detail-type": Events.TrackerDetailType.RunStateChange,
    source: Events.TRACKER_SOURCE,
    account: "123456789012",
    time: "2026-01-01T00:12:06Z",
    region: "eu-west-1",
    resources: [],
    detail,
  };
}

export function sqsRecord(body: unknown, messageId: string = randomUUID()): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: typeof body === "string" ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: "1767225126000",
      SenderId: "AIDAEXAMPLE",
      ApproximateFirstReceiveTimestamp: "1767225126000",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:alerts",
    awsRegion: "eu-west-1",
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

export const lambdaContext = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: "alerts",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:alerts",
  memoryLimitInMB: "256",
  awsRequestId: "req-1",
  logGroupName: "/aws/lambda/alerts",
  logStreamName: "stream",
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;
