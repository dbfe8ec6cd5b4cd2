/**
 * The Glue prices the store costs runs with: GLUE_PRICE_PER_DPU_HOUR,
 * GLUE_FLEX_PRICE_PER_DPU_HOUR and GLUE_PRICE_CURRENCY, each defaulting to the list price.
 */
import { ConfigName, type Env } from "../config.ts";
import type { TrackerConfig } from "../config-schema.ts";
import { type GluePrices, LIST_PRICES } from "./cost.ts";

export const PriceSettingNames = [
  ConfigName.GluePricePerDpuHour,
  ConfigName.GlueFlexPricePerDpuHour,
  ConfigName.GluePriceCurrency,
] as const;

/**
 * The prices from a checked configuration (a function's start-up config; unset names take the list price).
 *
 * @example
 * createRunStore({ …, prices: gluePricesFromConfig(checkStartupConfig(process.env, "ingest")) });
 */
export function gluePricesFromConfig(config: TrackerConfig): GluePrices {
  return {
    standardPerDpuHour: config[ConfigName.GluePricePerDpuHour] ?? LIST_PRICES.standardPerDpuHour,
    flexPerDpuHour: config[ConfigName.GlueFlexPricePerDpuHour] ?? LIST_PRICES.flexPerDpuHour,
    currency: config[ConfigName.GluePriceCurrency] ?? LIST_PRICES.currency,
  };
}

/** The price settings set in a deploying environment, passed on to the functions that store runs (stacks). */
export function priceEnvironment(env: Env): Record<string, string> {
  const set: Record<string, string> = {};
  for (const name of PriceSettingNames) {
    const value = env[name]?.trim();
    if (value) set[name] = value;
  }
  return set;
}
