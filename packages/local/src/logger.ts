/**
 * The little the local pieces need from a logger; `console` fits, and so does
 * Powertools' Logger. Tests pass a silent or recording one.
 */
export interface RuntimeLogger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Drops everything (tests that assert on behaviour, not on logs). */
export const silentLogger: RuntimeLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
