/**
 * The one rule target the tracker deploys: an SQS queue (every rule of core's Topology
 * feeds a queue; no rule invokes a Lambda function directly).
 */
import type { EventTarget, LocalEventBridge } from "./event-bus.ts";

/**
 * EventBridge → SQS: the message body is the whole event as JSON, as EventBridge sends it.
 *
 * @example
 * bridge.bus("default").putRule({ name: "glue-events", pattern: glueStateChangePattern, target: queueTarget(ingestQueue) });
 */
export function queueTarget(queue: { send(body: string): unknown }): EventTarget {
  return (event) => {
    queue.send(JSON.stringify(event));
  };
}

/**
 * EventBridge → another account's bus (the member stack's forwarding rule): the event
 * arrives with its envelope unchanged, the member's `account` and `region` included.
 *
 * @example
 * memberBridge.bus("default").putRule({ name: "to-tracker", pattern: glueStateChangePattern, target: busTarget(tracker, "default") });
 */
export function busTarget(bridge: LocalEventBridge, busName = "default"): EventTarget {
  return (event) => {
    bridge.receive(event, busName);
  };
}
