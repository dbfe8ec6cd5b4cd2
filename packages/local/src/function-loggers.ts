/**
 * One Powertools Logger per function, as on Lambda, all writing to this process's
 * output (what `npm start` prints). LOG_LEVEL picks the level; a terminal shows
 * warnings and errors by default (see docs/decisions/reliability-local-loggers.md).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { LocalConfigName } from "@glue-run-tracker/core";
import { LocalRuntimeError } from "./errors.ts";

export const LOG_LEVEL_SETTING = LocalConfigName.LogLevel;
export const DEFAULT_LOG_LEVEL = "WARN";
const LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"] as const;
export type LogLevel = (typeof LEVELS)[number];

/** The level named by LOG_LEVEL (any case); throws a clear error for a name Powertools does not know. */
export function logLevelFrom(value: string | undefined): LogLevel {
  if (value === undefined || value === "") return DEFAULT_LOG_LEVEL;
  const level = value.toUpperCase();
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new LocalRuntimeError(`${LOG_LEVEL_SETTING}="${value}" is not a log level; use one of ${LEVELS.join(", ")}`);
  }
  return level as LogLevel;
}

/** A memo of loggers by function name, all at one level. */
export function functionLoggers(level: LogLevel): (functionName: string) => Logger {
  const loggers = new Map<string, Logger>();
  return (functionName) => {
    let logger = loggers.get(functionName);
    if (!logger) {
      logger = new Logger({ serviceName: functionName, logLevel: level });
      loggers.set(functionName, logger);
    }
    return logger;
  };
}
