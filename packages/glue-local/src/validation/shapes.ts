/** Wire shapes shared by the job, crawler and trigger operations. */
import { CrawlState, JobRunState, TriggerType } from "@glue-run-tracker/glue-model";
import { fail, integer, list, name, object, oneOf, optional, stringMap, text } from "./rules.ts";

export const notificationProperty = () => object({ NotifyDelayAfter: optional(integer(1, 2_147_483_647)) });

/** Job timeouts are minutes; the model sets only a minimum. */
export const timeoutMinutes = () => integer(1, 2_147_483_647);

export const action = () =>
  object(
    {
      JobName: optional(name()),
      CrawlerName: optional(name()),
      Arguments: optional(stringMap()),
      Timeout: optional(timeoutMinutes()),
      SecurityConfiguration: optional(name()),
      NotificationProperty: optional(notificationProperty()),
    },
    {
      check: (a, path) => {
        if ((a.JobName === undefined) === (a.CrawlerName === undefined)) {
          fail(path, "one-of", "an action names exactly one of JobName or CrawlerName");
        }
      },
    },
  );

export const condition = () =>
  object(
    {
      LogicalOperator: optional(oneOf(["EQUALS"] as const)),
      JobName: optional(name()),
      State: optional(oneOf(Object.values(JobRunState))),
      CrawlerName: optional(name()),
      CrawlState: optional(oneOf(Object.values(CrawlState))),
    },
    {
      check: (c, path) => {
        const job =
          c.JobName !== undefined && c.State !== undefined && c.CrawlerName === undefined && c.CrawlState === undefined;
        const crawler =
          c.CrawlerName !== undefined && c.CrawlState !== undefined && c.JobName === undefined && c.State === undefined;
        if (!job && !crawler) fail(path, "one-of", "a condition is either JobName + State or CrawlerName + CrawlState");
      },
    },
  );

export const predicate = () =>
  object({ Logical: optional(oneOf(["AND", "ANY"] as const)), Conditions: optional(list(condition(), 0, 500)) });

/** The model sets no bound; glue-local refuses a trigger that starts nothing. */
export const actions = () => list(action(), 1, Number.MAX_SAFE_INTEGER);

export const eventBatchingCondition = () =>
  object({ BatchSize: integer(1, 100), BatchWindow: optional(integer(1, 900)) });

export const triggerType = () => oneOf(Object.values(TriggerType));

/** The model's NextToken is any string (it is checked when decoded; an empty one means the first page). */
export const nextToken = () => text();
