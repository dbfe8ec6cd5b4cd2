/** An operation: its wire input validator and its behaviour, wired by name in `index.ts`. */
import type { GlueEngine } from "../engine/index.ts";
import type { Wire } from "../engine/views.ts";
import type { Validator } from "../validation/rules.ts";

export interface Operation<I = unknown> {
  input: Validator<I>;
  /** Runs inside `engine.call`, with virtual time pinned at `now`. */
  handle(engine: GlueEngine, input: NoInfer<I>, now: number): Wire;
}

export const defineOperation = <I>(operation: Operation<I>): Operation<I> => operation;

/** How the registry sees any operation: the handler takes what the validator returned. */
export interface RegisteredOperation {
  input: Validator<unknown>;
  handle(engine: GlueEngine, input: never, now: number): Wire;
}
