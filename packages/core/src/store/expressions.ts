/**
 * Builds DynamoDB expressions with a placeholder for every attribute name and
 * value. Names are always aliased (`Name`, `Status` are reserved words) and only
 * placeholders that end up in an expression are sent: DynamoDB Local refuses
 * unused ones.
 */
export class Expressions {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private readonly nameAliases = new Map<string, string>();
  private valueCount = 0;

  /** `#alias` for an attribute name (a dotted path is aliased segment by segment). */
  name(path: string): string {
    return path
      .split(".")
      .map((segment) => {
        let alias = this.nameAliases.get(segment);
        if (alias === undefined) {
          alias = `#n${this.nameAliases.size}`;
          this.nameAliases.set(segment, alias);
          this.names[alias] = segment;
        }
        return alias;
      })
      .join(".");
  }

  /** `:alias` for a value. */
  value(value: unknown): string {
    const alias = `:v${this.valueCount++}`;
    this.values[alias] = value;
    return alias;
  }

  /** The names/values part of a request, omitting empty maps (DynamoDB refuses them). */
  attributes(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  } {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(this.valueCount > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** Accumulates the clauses of an UpdateExpression. */
export class UpdateExpression {
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private readonly adds: string[] = [];

  constructor(readonly expressions: Expressions = new Expressions()) {}

  set(path: string, value: unknown): this {
    this.sets.push(`${this.expressions.name(path)} = ${this.expressions.value(value)}`);
    return this;
  }

  /** SET only when the attribute does not exist yet (first-writer values such as FirstSeenAt). */
  setIfAbsent(path: string, value: unknown): this {
    const name = this.expressions.name(path);
    this.sets.push(`${name} = if_not_exists(${name}, ${this.expressions.value(value)})`);
    return this;
  }

  /** SET when defined, REMOVE otherwise: the item mirrors the source field by field. */
  setOrRemove(path: string, value: unknown): this {
    return value === undefined ? this.remove(path) : this.set(path, value);
  }

  /** Appends `values` to a list attribute, creating it when absent. */
  append(path: string, values: readonly unknown[]): this {
    const name = this.expressions.name(path);
    const empty = this.expressions.value([]);
    this.sets.push(`${name} = list_append(if_not_exists(${name}, ${empty}), ${this.expressions.value(values)})`);
    return this;
  }

  remove(path: string): this {
    this.removes.push(this.expressions.name(path));
    return this;
  }

  /** ADD to a number or set attribute. */
  add(path: string, value: unknown): this {
    this.adds.push(`${this.expressions.name(path)} ${this.expressions.value(value)}`);
    return this;
  }

  toString(): string {
    const clauses: string[] = [];
    if (this.sets.length > 0) clauses.push(`SET ${this.sets.join(", ")}`);
    if (this.removes.length > 0) clauses.push(`REMOVE ${this.removes.join(", ")}`);
    if (this.adds.length > 0) clauses.push(`ADD ${this.adds.join(", ")}`);
    return clauses.join(" ");
  }
}

/** A ProjectionExpression over `attributes`, with its names aliased. */
export function projection(attributes: readonly string[], expressions: Expressions = new Expressions()) {
  return { ProjectionExpression: attributes.map((a) => expressions.name(a)).join(", "), expressions };
}

/** True for the error a failed ConditionExpression raises. */
export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === "ConditionalCheckFailedException";
}
