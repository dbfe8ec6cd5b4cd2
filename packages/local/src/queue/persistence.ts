/**
 * `--data-dir` for the local queues: every queue's messages (delayed re-checks,
 * pending resumes, alert retries, DLQs) in one JSON file, rewritten shortly after
 * each change and once more at stop, read back at start
 * (docs/decisions/reliability-local-queue-persistence.md).
 *
 * The file is replaced atomically (write a temporary file, then rename), so a kill
 * leaves the previous or the new version, never half of one. What a kill -9 can
 * lose is the last `delayMs` of changes: a message sent in that window (the
 * reconciler finds its run again), or a delete (the message is handled twice;
 * every consumer is idempotent).
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import type { RuntimeLogger } from "../logger.ts";
import type { LocalSqs } from "./local-sqs.ts";
import type { MessageAttributes, StoredMessage } from "./message.ts";

const FORMAT_VERSION = 1;

type SavedMessage = Omit<StoredMessage, "messageAttributes"> & {
  messageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
};

interface SavedQueues {
  version: typeof FORMAT_VERSION;
  savedAt: string;
  queues: Record<string, SavedMessage[]>;
}

export interface QueuePersistence {
  /** Writes now (and waits for a write in progress). */
  flush(): Promise<void>;
  /** Final write; no more writes after it. */
  stop(): Promise<void>;
}

/**
 * Puts back the messages saved in `file` into the queues of the same names (created
 * beforehand); returns how many. A missing file restores nothing; an unreadable one
 * is reported and left for the operator (the next write replaces it).
 */
export async function restoreQueues(sqs: LocalSqs, file: string, logger: RuntimeLogger): Promise<number> {
  let saved: SavedQueues;
  try {
    saved = JSON.parse(await readFile(file, "utf8")) as SavedQueues;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return 0;
    logger.warn(`[queues] ${file} could not be read; the queues start empty`, error);
    return 0;
  }
  if (saved.version !== FORMAT_VERSION) {
    logger.warn(`[queues] ${file} has format ${saved.version}, not ${FORMAT_VERSION}; the queues start empty`);
    return 0;
  }
  let restored = 0;
  for (const [name, messages] of Object.entries(saved.queues)) {
    const queue = sqs.queues.find((candidate) => candidate.name === name);
    if (!queue) {
      logger.warn(`[queues] no queue ${name} any more; its ${messages.length} saved message(s) are dropped`);
      continue;
    }
    queue.restore(messages.map(fromSaved));
    restored += messages.length;
  }
  return restored;
}

/**
 * Saves every queue of `sqs` to `file` at most once per `delayMs` after a change.
 *
 * @example
 * await restoreQueues(sqs, join(dataDir, "queues.json"), console);
 * const persistence = persistQueues(sqs, join(dataDir, "queues.json"), console);
 * // …at shutdown, after the consumers stopped:
 * await persistence.stop();
 */
export function persistQueues(
  sqs: LocalSqs,
  file: string,
  logger: RuntimeLogger,
  options: { delayMs?: number } = {},
): QueuePersistence {
  const delayMs = options.delayMs ?? 100;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;

  const write = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const snapshot: SavedQueues = {
      version: FORMAT_VERSION,
      savedAt: new Date().toISOString(),
      queues: Object.fromEntries(sqs.queues.map((queue) => [queue.name, queue.messages().map(toSaved)])),
    };
    // Chained: writes never overlap, and each one writes the state at its own start.
    writing = writing.then(async () => {
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, JSON.stringify(snapshot), { mode: 0o600 });
        await rename(temporary, file);
      } catch (error) {
        logger.error(`[queues] could not save the queues to ${file}`, error);
      }
    });
    return writing;
  };

  sqs.onChange(() => {
    if (stopped || timer) return;
    timer = setTimeout(() => void write(), delayMs);
    timer.unref();
  });

  return {
    flush: write,
    async stop() {
      stopped = true;
      await write();
    },
  };
}

function toSaved(message: StoredMessage): SavedMessage {
  return {
    ...message,
    messageAttributes: Object.fromEntries(
      Object.entries(message.messageAttributes).map(([name, value]) => [
        name,
        {
          DataType: value.DataType,
          ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
          ...(value.BinaryValue !== undefined
            ? { BinaryValue: Buffer.from(value.BinaryValue).toString("base64") }
            : {}),
        },
      ]),
    ),
  };
}

function fromSaved(saved: SavedMessage): StoredMessage {
  const messageAttributes: MessageAttributes = {};
  for (const [name, value] of Object.entries(saved.messageAttributes ?? {})) {
    messageAttributes[name] = {
      DataType: value.DataType,
      ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { BinaryValue: Buffer.from(value.BinaryValue, "base64") } : {}),
    };
  }
  return { ...saved, messageAttributes };
}
