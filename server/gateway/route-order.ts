import { createHash } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import type { ProviderKind, RouteStrategy } from "../db/generated/enums";

// Routing strategies: pure functions from a route's enabled targets to the order in which to try them.

export type TCandidate = {
  provider: {
    id: string;
    name: string;
    kind: ProviderKind;
    baseUrl: string | null;
    encryptedCredentials: string | null;
    settings: Prisma.JsonValue;
  };
  model: {
    id: string;
    name: string;
    inputPricePerMTok: Prisma.Decimal;
    outputPricePerMTok: Prisma.Decimal;
    /** Input tokens read from the provider's prompt cache; null or absent: charged at the input price. */
    cachedInputPricePerMTok?: Prisma.Decimal | null;
    /** Where the model runs (model rules may restrict regions); unknown when not given. */
    region?: string | null;
    maxOutputTokens?: number | null;
  };
};

export type TWeightedCandidate = { candidate: TCandidate; weight: number };

/** A number in [0, 1) derived from a key: the same step always picks the same weighted target. */
export function unitFromKey(key: string): number {
  return Number.parseInt(createHash("sha256").update(key).digest("hex").slice(0, 8), 16) / 2 ** 32;
}

/**
 * Orders a route's targets for one call. fallback: as listed. lowest_cost: by input + output price per 1M tokens
 * (ties keep the listed order). weighted: one target drawn by weight with `roll`, then the others as listed.
 * lowest_latency: as listed until latency figures are collected per model.
 */
export function orderTargets(
  strategy: RouteStrategy,
  targets: readonly TWeightedCandidate[],
  roll: number,
): TCandidate[] {
  const listed = targets.map((t) => t.candidate);
  switch (strategy) {
    case "fallback":
    case "lowest_latency":
      return listed;
    case "lowest_cost": {
      const price = (c: TCandidate) => c.model.inputPricePerMTok.plus(c.model.outputPricePerMTok);
      return listed
        .map((c, i) => ({ c, i }))
        .sort((a, b) => price(a.c).comparedTo(price(b.c)) || a.i - b.i)
        .map((e) => e.c);
    }
    case "weighted": {
      const total = targets.reduce((sum, t) => sum + t.weight, 0);
      if (total <= 0) return listed;
      let threshold = roll * total;
      const chosen = targets.findIndex((t) => (threshold -= t.weight) < 0);
      const index = chosen < 0 ? targets.length - 1 : chosen;
      return [listed[index] as TCandidate, ...listed.filter((_, i) => i !== index)];
    }
  }
}
