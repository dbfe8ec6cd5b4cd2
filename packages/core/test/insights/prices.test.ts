import { describe, expect, it } from "vitest";
import { ConfigError, checkConfig } from "../../src/config-schema.ts";
import { LIST_PRICES } from "../../src/insights/cost.ts";
import { gluePricesFromConfig, PriceSettingNames, priceEnvironment } from "../../src/insights/prices.ts";

const gluePricesFromEnv = (env: Record<string, string>) =>
  gluePricesFromConfig(checkConfig(env, { only: PriceSettingNames }));

describe("prices from the environment", () => {
  it("defaults every price to the list price", () => {
    expect(gluePricesFromEnv({})).toEqual(LIST_PRICES);
  });

  it("reads each configured price and the currency", () => {
    const env = { GLUE_PRICE_PER_DPU_HOUR: "0.52", GLUE_FLEX_PRICE_PER_DPU_HOUR: "0.35", GLUE_PRICE_CURRENCY: "EUR" };
    expect(gluePricesFromEnv(env)).toEqual({ standardPerDpuHour: 0.52, flexPerDpuHour: 0.35, currency: "EUR" });
  });

  it("refuses a malformed price in one line naming it", () => {
    expect(() => gluePricesFromEnv({ GLUE_PRICE_PER_DPU_HOUR: "$0.44" })).toThrow(ConfigError);
    expect(() => gluePricesFromEnv({ GLUE_PRICE_PER_DPU_HOUR: "$0.44" })).toThrow(/^Invalid GLUE_PRICE_PER_DPU_HOUR/);
  });
});

describe("priceEnvironment", () => {
  it("passes on only the price settings that are set", () => {
    expect(priceEnvironment({ GLUE_PRICE_CURRENCY: "EUR", GLUE_PRICE_PER_DPU_HOUR: " ", OTHER: "x" })).toEqual({
      GLUE_PRICE_CURRENCY: "EUR",
    });
  });
});

describe("gluePricesFromConfig", () => {
  it("reads an already checked configuration, defaults for what is unset", () => {
    expect(gluePricesFromConfig(checkConfig({ GLUE_FLEX_PRICE_PER_DPU_HOUR: "0.3" }))).toEqual({
      ...LIST_PRICES,
      flexPerDpuHour: 0.3,
    });
  });
});
