import { describe, expect, it } from "vitest";
import { formatCost } from "../src/page/cost.ts";

describe("formatCost", () => {
  it("shows dollars, small amounts to the hundredth of a cent, other currencies by code", () => {
    expect(formatCost({ DpuSeconds: 3600, Amount: 0.44, Currency: "USD", Estimated: false })).toEqual({
      text: "$0.44",
      title: "1.00 DPU-hours",
    });
    expect(formatCost({ DpuSeconds: 36_000, Amount: 4.4, Currency: "USD", Estimated: false }).text).toBe("$4.40");
    expect(formatCost({ DpuSeconds: 120, Amount: 0.014667, Currency: "EUR", Estimated: false }).text).toBe(
      "0.0147 EUR",
    );
  });

  it("marks estimates and says why in the title; a dash when unknown", () => {
    const estimate = formatCost({ DpuSeconds: 1200, Amount: 0.014667, Currency: "USD", Estimated: true });
    expect(estimate.text).toBe("≈ $0.0147");
    expect(estimate.title).toContain("estimated");
    expect(formatCost(undefined).text).toBe("—");
  });
});
