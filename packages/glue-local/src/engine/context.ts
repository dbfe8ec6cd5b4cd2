/** What the engine's parts share. Each part gets this, not the whole engine. */
import type { EventSink } from "../events.ts";
import type { RunIdSource } from "../ids.ts";
import type { Scheduler } from "./scheduler.ts";
import type { GlueState, NodeKey, RunLink } from "./state.ts";

export interface EngineContext {
  readonly state: GlueState;
  readonly scheduler: Scheduler;
  readonly events: EventSink;
  readonly region: string;
  readonly accountId: string;
  readonly ids: RunIdSource;
  /** A job run or crawl that belongs to a workflow run ended in `endState`. */
  actionFinished(link: RunLink, key: NodeKey, endState: string): void;
}
