/**
 * The set of local queues, by name, URL and ARN, with URLs in SQS's form
 * (`<endpoint>/<account>/<name>`) once the AWS-compatible endpoint knows its address.
 */
import { QueueDoesNotExistError, QueueNameExistsError } from "../errors.ts";
import type { RuntimeLogger } from "../logger.ts";
import { LocalQueue } from "./local-queue.ts";
import type { QueueSettings } from "./settings.ts";

export interface LocalSqsOptions {
  region?: string;
  accountId?: string;
  /** Applied to every queue created here (see QueueSettings.timeScale). Default 1. */
  timeScale?: number;
  logger?: RuntimeLogger;
  /** Base of queue URLs until an endpoint sets its own. Default http://127.0.0.1. */
  baseUrl?: string;
  /** Wall-clock ms for every queue (tests move time by hand). Default Date.now. */
  clock?: () => number;
}

export type CreateQueueOptions = Partial<Omit<QueueSettings, "deadLetterQueue" | "timeScale">> & {
  /** The DLQ, or its name (it must exist). */
  deadLetterQueue?: { queue: LocalQueue | string; maxReceiveCount: number };
};

/**
 * @example
 * const sqs = new LocalSqs({ timeScale: 0.01 });
 * sqs.createQueue("ingest-dlq");
 * const ingest = sqs.createQueue("ingest", { deadLetterQueue: { queue: "ingest-dlq", maxReceiveCount: 5 } });
 */
export class LocalSqs {
  readonly region: string;
  readonly accountId: string;
  readonly #queues = new Map<string, LocalQueue>();
  readonly #timeScale: number;
  readonly #logger: RuntimeLogger;
  readonly #clock: (() => number) | undefined;
  readonly #changeListeners = new Set<() => void>();
  #baseUrl: string;

  constructor(options: LocalSqsOptions = {}) {
    this.region = options.region ?? "us-east-1";
    this.accountId = options.accountId ?? "000000000000";
    this.#timeScale = options.timeScale ?? 1;
    this.#logger = options.logger ?? console;
    this.#baseUrl = options.baseUrl ?? "http://127.0.0.1";
    this.#clock = options.clock;
  }

  /** Points queue URLs at an endpoint (the AWS-compatible server calls this once it listens). */
  setBaseUrl(baseUrl: string): void {
    this.#baseUrl = baseUrl.replace(/\/+$/, "");
    for (const queue of this.#queues.values()) queue.url = this.queueUrl(queue.name);
  }

  queueUrl(name: string): string {
    return `${this.#baseUrl}/${this.accountId}/${name}`;
  }

  /** A new queue; throws QueueNameExistsError for a name already taken. */
  createQueue(name: string, options: CreateQueueOptions = {}): LocalQueue {
    if (this.#queues.has(name)) throw new QueueNameExistsError(name);
    const deadLetterQueue = options.deadLetterQueue
      ? {
          queue: this.#resolve(options.deadLetterQueue.queue),
          maxReceiveCount: options.deadLetterQueue.maxReceiveCount,
        }
      : undefined;
    const queue = new LocalQueue({
      ...options,
      name,
      deadLetterQueue,
      timeScale: this.#timeScale,
      region: this.region,
      accountId: this.accountId,
      url: this.queueUrl(name),
      logger: this.#logger,
      clock: this.#clock,
    });
    this.#queues.set(name, queue);
    for (const listener of this.#changeListeners) queue.onChange(listener);
    return queue;
  }

  /** The queue named `name`; throws QueueDoesNotExistError. */
  getQueue(name: string): LocalQueue {
    const queue = this.#queues.get(name);
    if (!queue) throw new QueueDoesNotExistError(name);
    return queue;
  }

  /** The queue a URL names (any host: only `/<account>/<name>` counts); throws QueueDoesNotExistError. */
  getQueueByUrl(url: string): LocalQueue {
    const segments = (URL.canParse(url) ? new URL(url).pathname : url).split("/").filter(Boolean);
    const [account, name] = segments.slice(-2);
    if (segments.length < 2 || account !== this.accountId || !name) throw new QueueDoesNotExistError(url);
    return this.getQueue(name);
  }

  /** Called after any queue's messages change, for queues created before and after this call. */
  onChange(listener: () => void): void {
    this.#changeListeners.add(listener);
    for (const queue of this.#queues.values()) queue.onChange(listener);
  }

  get queues(): LocalQueue[] {
    return [...this.#queues.values()];
  }

  /**
   * Resolves when every queue is idle at once (see LocalQueue.idle). With `timeoutMs`, rejects
   * with IdleTimeoutError naming the busy queue once that much time has passed overall.
   */
  async idle(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
    // Re-check after each round: finishing one queue can feed another (a consumer sending re-checks).
    while (!this.queues.every((queue) => queue.isIdle())) {
      const timeoutMs = deadline === undefined ? undefined : Math.max(0, deadline - Date.now());
      await Promise.all(this.queues.map((queue) => queue.idle({ timeoutMs })));
    }
  }

  /** Stops every consumer and timer. */
  async stop(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.stop()));
  }

  #resolve(queue: LocalQueue | string): LocalQueue {
    return typeof queue === "string" ? this.getQueue(queue) : queue;
  }
}
