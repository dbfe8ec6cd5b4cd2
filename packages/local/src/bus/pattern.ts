/**
 * EventBridge event patterns, cut to the part of the language the tracker's rules use
 * (core's Topology): exact values and `exists`. Any other operator (`prefix`, `anything-but`,
 * `numeric`, `$or`…) is refused when the rule is added, so a topology that starts using one
 * fails loudly here instead of matching wrongly (docs/decisions/local-stand-ins.md).
 *
 * Semantics, as EventBridge documents them:
 * - every field of the pattern must match (AND); the values listed for a field are alternatives (OR);
 * - nested objects in the pattern descend into the event; a value in the event may be an array
 *   (of leaves or of objects): it matches if any element does;
 * - only leaves (strings, numbers, booleans, null) are compared, and `exists` is about leaves too.
 */
import { InvalidEventPatternError } from "../errors.ts";

/** An EventBridge pattern as the stacks deploy it (same shape as core's `Events.EventPattern`). */
export type EventPattern = Record<string, unknown>;

/** The filter operators the local bus implements; exact values need none. */
export const SUPPORTED_OPERATORS: readonly string[] = ["exists"];

type Leaf = string | number | boolean | null;

/** A field's alternatives: equal to one of `values`, or (`exists`) present / absent. */
interface FieldMatcher {
  readonly path: readonly string[];
  readonly values: readonly Leaf[];
  readonly exists: readonly boolean[];
}

/**
 * A validated pattern, ready to match events.
 *
 * @example
 * const rule = compileEventPattern(Events.recoveredRunPattern);
 * rule.matches({ source: "glue-run-tracker", "detail-type": "…", detail: { outcome: "SUCCEEDED", previousRunId: "wr_1" } });
 */
export interface CompiledEventPattern {
  readonly pattern: EventPattern;
  matches(event: unknown): boolean;
}

/**
 * Validates a pattern and compiles it. Throws InvalidEventPatternError naming the offending
 * field, for what PutRule would refuse and for an operator the local bus does not implement.
 */
export function compileEventPattern(pattern: EventPattern): CompiledEventPattern {
  if (!isPlainObject(pattern)) throw new InvalidEventPatternError("the pattern must be a JSON object");
  const fields = compileNode(pattern, []);
  if (fields.length === 0) throw new InvalidEventPatternError("the pattern is empty");
  return { pattern, matches: (event) => fields.every((field) => matchField(field, leavesAt(event, field.path))) };
}

function compileNode(node: Record<string, unknown>, prefix: readonly string[]): FieldMatcher[] {
  return Object.entries(node).flatMap(([key, value]) => {
    const path = [...prefix, key];
    if (key.startsWith("$")) throw notImplemented(path, key);
    if (Array.isArray(value)) {
      if (value.length === 0) throw invalid(path, "empty arrays are not allowed");
      const field = { path, values: [] as Leaf[], exists: [] as boolean[] };
      for (const item of value) addCondition(field, item);
      return [field];
    }
    if (isPlainObject(value) && Object.keys(value).length > 0) return compileNode(value, path);
    throw invalid(path, "match values must be in an array");
  });
}

function addCondition(field: { path: readonly string[]; values: Leaf[]; exists: boolean[] }, item: unknown): void {
  if (isLeaf(item)) {
    field.values.push(item);
    return;
  }
  const [operator, operand, ...rest] = isPlainObject(item) ? Object.entries(item).flat() : [];
  if (operator === "exists" && typeof operand === "boolean" && rest.length === 0) {
    field.exists.push(operand);
    return;
  }
  if (typeof operator === "string" && !SUPPORTED_OPERATORS.includes(operator)) {
    throw notImplemented(field.path, operator);
  }
  throw invalid(field.path, "match values must be strings, numbers, booleans, null or { exists: boolean }");
}

function matchField(field: FieldMatcher, leaves: Leaf[]): boolean {
  return (
    field.values.some((wanted) => leaves.includes(wanted)) ||
    field.exists.some((wanted) => wanted === leaves.length > 0)
  );
}

/** Every leaf value at `path`, with arrays (of leaves or of objects) flattened on the way. */
function leavesAt(root: unknown, path: readonly string[]): Leaf[] {
  let nodes: unknown[] = [root];
  for (const key of path) {
    nodes = nodes
      .flat(Number.POSITIVE_INFINITY)
      .flatMap((node) => (isPlainObject(node) && Object.hasOwn(node, key) ? [node[key]] : []));
  }
  return nodes.flat(Number.POSITIVE_INFINITY).filter(isLeaf);
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function notImplemented(path: readonly string[], operator: string): InvalidEventPatternError {
  return invalid(
    path,
    `the "${operator}" operator is not implemented by the local bus (it implements exact values and exists; see packages/local/README.md)`,
  );
}

function invalid(path: readonly string[], reason: string): InvalidEventPatternError {
  return new InvalidEventPatternError(`${path.join(".")}: ${reason}`);
}
