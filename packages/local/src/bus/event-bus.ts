/**
 * A local EventBridge: named buses, rules with EventBridge patterns, and PutEvents
 * that delivers each accepted event to every matching rule's target, asynchronously,
 * as EventBridge does. A failing target is logged and never affects the bus or other targets.
 */
import { EventBusNotFoundError, EventsValidationError, IdleTimeoutError } from "../errors.ts";
import type { RuntimeLogger } from "../logger.ts";
import { type CompiledEventPattern, compileEventPattern, type EventPattern } from "./pattern.ts";
import {
  type BusEvent,
  buildEvent,
  busNameOf,
  MAX_PUT_EVENTS_ENTRIES,
  type PutEventsEntry,
  type PutEventsResult,
  type PutEventsResultEntry,
} from "./put-events.ts";

/** What a rule invokes: a handler, or an enqueue into a local queue (see `queueTarget`). */
export type EventTarget = (event: BusEvent) => Promise<void> | void;

export interface EventRule {
  name: string;
  pattern: EventPattern;
  target: EventTarget;
}

export interface LocalEventBridgeOptions {
  /** Default "us-east-1". */
  region?: string;
  /** Default "000000000000". */
  accountId?: string;
  /** Buses to create besides "default" (e.g. the tracker bus). */
  buses?: string[];
  /** Where target failures are reported. Default console. */
  logger?: RuntimeLogger;
  /** Clock for events without Time (tests). */
  now?: () => Date;
}

export interface EventBridgeStats {
  /** Entries accepted by PutEvents. */
  accepted: number;
  /** Entries refused by PutEvents (ErrorCode set). */
  refused: number;
  /** Target invocations started. */
  deliveries: number;
  /** Target invocations that threw. */
  targetFailures: number;
  /** Accepted events no rule matched. */
  unmatched: number;
}

/** One bus and its rules. Get it from `LocalEventBridge.bus(name)`. */
export class LocalEventBus {
  readonly name: string;
  readonly arn: string;
  readonly #rules = new Map<string, { rule: EventRule; compiled: CompiledEventPattern }>();

  constructor(name: string, region: string, accountId: string) {
    this.name = name;
    this.arn = `arn:aws:events:${region}:${accountId}:event-bus/${name}`;
  }

  /**
   * Adds a rule, or replaces the rule with the same name. Throws InvalidEventPatternError
   * for a pattern EventBridge would refuse.
   *
   * @example
   * bridge.bus("default").putRule({ name: "glue-to-ingest", pattern: glueStateChangePattern, target: queueTarget(ingestQueue) });
   */
  putRule(rule: EventRule): void {
    this.#rules.set(rule.name, { rule, compiled: compileEventPattern(rule.pattern) });
  }

  /** The rules whose pattern matches `event`. */
  matchingRules(event: BusEvent): EventRule[] {
    return [...this.#rules.values()].filter(({ compiled }) => compiled.matches(event)).map(({ rule }) => rule);
  }
}

/**
 * The local EventBridge: the "default" bus plus any named ones.
 *
 * @example
 * const bridge = new LocalEventBridge({ buses: ["tracker"] });
 * bridge.bus("tracker").putRule({ name: "alerts", pattern: failedRunPattern({ includeStopped: false }), target: onFailed });
 * bridge.putEvents([{ EventBusName: "tracker", Source: "glue-run-tracker", DetailType: "…", Detail: "{}" }]);
 * await bridge.idle();
 */
export class LocalEventBridge {
  readonly region: string;
  readonly accountId: string;
  readonly #buses = new Map<string, LocalEventBus>();
  readonly #logger: RuntimeLogger;
  readonly #now: () => Date;
  readonly #stats: EventBridgeStats = { accepted: 0, refused: 0, deliveries: 0, targetFailures: 0, unmatched: 0 };
  #pending = 0;
  #idleWaiters: Array<() => void> = [];

  constructor(options: LocalEventBridgeOptions = {}) {
    this.region = options.region ?? "us-east-1";
    this.accountId = options.accountId ?? "000000000000";
    this.#logger = options.logger ?? console;
    this.#now = options.now ?? (() => new Date());
    for (const name of ["default", ...(options.buses ?? [])]) {
      this.#buses.set(name, new LocalEventBus(name, this.region, this.accountId));
    }
  }

  /** The bus with that name or ARN; throws EventBusNotFoundError. */
  bus(nameOrArn = "default"): LocalEventBus {
    const name = busNameOf(nameOrArn);
    const bus = this.#buses.get(name);
    if (!bus) throw new EventBusNotFoundError(name);
    return bus;
  }

  /**
   * EventBridge's PutEvents: 1–10 entries (else EventsValidationError), each checked on its
   * own; accepted events are delivered after this returns. Unlike AWS, which silently accepts
   * events for a bus that does not exist, an unknown bus is refused (ResourceNotFoundException),
   * so a misconfigured bus name shows up locally.
   */
  putEvents(entries: PutEventsEntry[]): PutEventsResult {
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_PUT_EVENTS_ENTRIES) {
      throw new EventsValidationError(
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_PUT_EVENTS_ENTRIES}`,
      );
    }
    const now = this.#now();
    const result: PutEventsResult = { FailedEntryCount: 0, Entries: [] };
    for (const entry of entries) {
      const built = this.#build(entry ?? {}, now);
      if ("error" in built) {
        result.FailedEntryCount += 1;
        this.#stats.refused += 1;
        result.Entries.push(built.error);
        continue;
      }
      this.#stats.accepted += 1;
      result.Entries.push({ EventId: built.event.id });
      this.#deliver(built.bus, built.event);
    }
    return result;
  }

  /**
   * An event that arrives with its envelope already built: one an AWS service emits
   * (glue-local's Glue events), or one another account's rule forwards to this bus
   * (an EventBridge bus target). EventBridge keeps such an event's id, `account`,
   * `region` and time, so the tracker sees the member account's own (see `busTarget`).
   */
  receive(event: BusEvent, busName = "default"): void {
    const bus = this.bus(busName);
    this.#stats.accepted += 1;
    this.#deliver(bus, event);
  }

  /**
   * Resolves when no delivery is pending or running (tests, the demo). With `timeoutMs`,
   * rejects with IdleTimeoutError instead of waiting forever.
   */
  idle(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(
              () =>
                reject(
                  new IdleTimeoutError(`event bus still has ${this.#pending} deliveries after ${options.timeoutMs} ms`),
                ),
              options.timeoutMs,
            );
      this.#idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  stats(): EventBridgeStats {
    return { ...this.#stats };
  }

  #build(entry: PutEventsEntry, now: Date): { bus: LocalEventBus; event: BusEvent } | { error: PutEventsResultEntry } {
    const busName = entry.EventBusName;
    if (busName !== undefined && typeof busName !== "string") {
      return { error: { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter EventBusName is not valid." } };
    }
    const bus = this.#buses.get(busNameOf(busName));
    if (!bus) {
      return {
        error: { ErrorCode: "ResourceNotFoundException", ErrorMessage: `Event bus ${busName} does not exist.` },
      };
    }
    const built = buildEvent(entry, { region: this.region, accountId: this.accountId, now });
    return "error" in built ? built : { bus, event: built.event };
  }

  #deliver(bus: LocalEventBus, event: BusEvent): void {
    const rules = bus.matchingRules(event);
    if (rules.length === 0) this.#stats.unmatched += 1;
    for (const rule of rules) {
      this.#pending += 1;
      this.#stats.deliveries += 1;
      // setImmediate: the caller's PutEvents completes before any target runs, as on AWS.
      setImmediate(() => {
        Promise.resolve()
          .then(() => rule.target(event))
          .catch((error: unknown) => {
            this.#stats.targetFailures += 1;
            this.#logger.error(`[event-bus] rule ${bus.name}/${rule.name} target failed for event ${event.id}`, error);
          })
          .finally(() => this.#settle());
      });
    }
  }

  #settle(): void {
    this.#pending -= 1;
    if (this.#pending > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
