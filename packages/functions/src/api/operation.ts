/** Typed binding of a route to its operation: input from the route's schemas, output checked against its response. */
import type { z } from "zod";
import type { Operation, OperationContext } from "../http/http-api.ts";
import type { OperationId, Routes } from "./routes.ts";

type Parsed<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

export interface InputOf<Op extends OperationId> {
  params: Parsed<(typeof Routes)[Op], "params">;
  query: Parsed<(typeof Routes)[Op], "query">;
  body: Parsed<(typeof Routes)[Op], "body">;
}

export type ResultOf<Op extends OperationId> = z.input<(typeof Routes)[Op]["response"]>;

/**
 * @example
 * const getRun = implement("getRun", async ({ params, query }) => ({ Run: await History.getRun(store, params.name, params.runId, query) }));
 */
export function implement<Op extends OperationId>(
  _operationId: Op,
  run: (input: InputOf<Op>, context: OperationContext) => Promise<ResultOf<Op>>,
): Operation {
  // The dispatcher validated the input with this very route's schemas, hence the cast.
  return (input, context) => run(input as InputOf<Op>, context);
}

export type Operations = Partial<Record<OperationId, Operation>>;
