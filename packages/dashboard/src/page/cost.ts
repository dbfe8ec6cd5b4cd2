/** A run's Glue cost as the page shows it (the API's Run.Cost; docs/decisions/insights-cost-and-settings.md). */
import type { Run } from "./api-types.ts";

export type RunCost = NonNullable<Run["Cost"]>;

/**
 * The amount in its currency ("≈" when estimated) and, for the title, what it is made of.
 *
 * @example
 * formatCost({ DpuSeconds: 3600, Amount: 0.44, Currency: "USD", Estimated: false });
 * // { text: "$0.44", title: "1.00 DPU-hours" }
 */
export function formatCost(cost: RunCost | undefined): { text: string; title: string } {
  if (!cost) return { text: "—", title: "Cost not known yet (no job run seen)" };
  const digits = cost.Amount >= 0.1 || cost.Amount === 0 ? 2 : 4;
  const amount = cost.Amount.toFixed(digits);
  const money = cost.Currency === "USD" ? `$${amount}` : `${amount} ${cost.Currency}`;
  const dpuHours = `${(cost.DpuSeconds / 3600).toFixed(2)} DPU-hours`;
  return {
    text: cost.Estimated ? `≈ ${money}` : money,
    title: cost.Estimated ? `${dpuHours}, estimated (crawls, unknown capacity or still running)` : dpuHours,
  };
}
