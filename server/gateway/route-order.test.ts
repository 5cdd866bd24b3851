import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { orderTargets, unitFromKey, type TCandidate, type TWeightedCandidate } from "./route-order";

function target(name: string, input: string, output: string, weight = 1): TWeightedCandidate {
  const candidate: TCandidate = {
    provider: {
      id: `p-${name}`,
      name: `P ${name}`,
      kind: "sandbox",
      baseUrl: null,
      encryptedCredentials: null,
      settings: {},
    },
    model: {
      id: `m-${name}`,
      name,
      inputPricePerMTok: new Prisma.Decimal(input),
      outputPricePerMTok: new Prisma.Decimal(output),
    },
  };
  return { candidate, weight };
}

const names = (list: TCandidate[]) => list.map((c) => c.model.name);
const TARGETS = [
  target("a", "2.5", "10", 1),
  target("b", "0.15", "0.6", 3),
  target("c", "0.4", "0.35", 0),
  target("d", "0.15", "0.6", 1),
];

describe("orderTargets", () => {
  it("keeps the listed order for fallback and lowest_latency", () => {
    expect(names(orderTargets("fallback", TARGETS, 0.9))).toEqual(["a", "b", "c", "d"]);
    expect(names(orderTargets("lowest_latency", TARGETS, 0.9))).toEqual(["a", "b", "c", "d"]);
  });

  it("orders by input + output price for lowest_cost, ties in listed order", () => {
    // c: 0.75, b: 0.75, d: 0.75 → all tie; a: 12.5 last.
    expect(names(orderTargets("lowest_cost", TARGETS, 0))).toEqual(["b", "c", "d", "a"]);
    expect(names(orderTargets("lowest_cost", [target("x", "1", "1"), target("y", "0.5", "1")], 0))).toEqual(["y", "x"]);
  });

  it("draws by weight, then falls back in listed order", () => {
    // total weight 5: [0, 0.2) → a, [0.2, 0.8) → b, c has weight 0, [0.8, 1) → d
    expect(names(orderTargets("weighted", TARGETS, 0.1))).toEqual(["a", "b", "c", "d"]);
    expect(names(orderTargets("weighted", TARGETS, 0.5))).toEqual(["b", "a", "c", "d"]);
    expect(names(orderTargets("weighted", TARGETS, 0.85))).toEqual(["d", "a", "b", "c"]);
  });

  it("spreads weighted picks in proportion over many keys, deterministically per key", () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) {
      const first = orderTargets("weighted", TARGETS, unitFromKey(`run-${i}`))[0]?.model.name ?? "";
      counts[first] = (counts[first] ?? 0) + 1;
    }
    expect(counts.c).toBeUndefined();
    expect((counts.b ?? 0) / 5000).toBeGreaterThan(0.55);
    expect((counts.b ?? 0) / 5000).toBeLessThan(0.65);
    expect(unitFromKey("same")).toBe(unitFromKey("same"));
  });
});
