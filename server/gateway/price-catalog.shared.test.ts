import { describe, expect, it } from "vitest";
import { ZModelCreate } from "../models/model-input.shared";
import { MODEL_CATALOG } from "./catalog";
import { MODEL_CAPABILITIES } from "./model-capabilities.shared";
import { findKnownModel, PRICE_CATALOG, PRICE_CATALOG_AS_OF, vendorOfProviderKind } from "./price-catalog.shared";

describe("the shipped price catalog", () => {
  it("is dated and covers the four vendors", () => {
    expect(PRICE_CATALOG_AS_OF).toMatch(/^\d{4}-\d{2}$/);
    expect(new Set(PRICE_CATALOG.map((m) => m.vendor))).toEqual(new Set(["openai", "anthropic", "google", "mistral"]));
  });

  it("has each id once, and every entry would be accepted as a model by Settings → Models", () => {
    const ids = PRICE_CATALOG.flatMap((m) => [m.name, ...m.aliases]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of PRICE_CATALOG) {
      const { vendor: _vendor, aliases: _aliases, ...fields } = m;
      const parsed = ZModelCreate.safeParse({ providerId: "p", ...fields, capabilities: [...m.capabilities] });
      expect(parsed.error?.issues ?? [], m.name).toEqual([]);
      for (const c of m.capabilities) expect(MODEL_CAPABILITIES).toContain(c);
    }
  });

  it("agrees with the seed catalog on the prices and limits of the models both list", () => {
    for (const seeded of MODEL_CATALOG.filter((m) => m.provider !== "sandbox")) {
      const known = findKnownModel(seeded.name, vendorOfProviderKind(seeded.provider));
      expect(known, seeded.name).toBeDefined();
      expect([known!.inputPricePerMTok, known!.outputPricePerMTok, known!.contextWindow], seeded.name).toEqual([
        seeded.inputPricePerMTok,
        seeded.outputPricePerMTok,
        seeded.contextWindow,
      ]);
    }
  });

  it("finds a model by id, alias, Gemini's models/ prefix or a gateway's vendor/ prefix, and only exact ids", () => {
    expect(findKnownModel("gpt-4o-mini")).toMatchObject({ vendor: "openai", inputPricePerMTok: "0.15", cachedInputPricePerMTok: "0.075", outputPricePerMTok: "0.6" });
    expect(findKnownModel("claude-sonnet-4-5")?.name).toBe("claude-sonnet-4-5-20250929");
    expect(findKnownModel("models/gemini-2.5-flash")?.name).toBe("gemini-2.5-flash");
    expect(findKnownModel(" openai/gpt-4.1 ")?.name).toBe("gpt-4.1");
    expect(findKnownModel("mistral-small-latest")?.vendor).toBe("mistral");
    // A dated snapshot not listed may have had other prices (gpt-4o-2024-05-13 cost $5/$15): no guess.
    expect(findKnownModel("gpt-4o-2024-05-13")).toBeUndefined();
    expect(findKnownModel("no-such-model")).toBeUndefined();
  });

  it("looks only at the provider's vendor when it has one", () => {
    expect(findKnownModel("gpt-4o", "openai")?.name).toBe("gpt-4o");
    expect(findKnownModel("gpt-4o", "anthropic")).toBeUndefined();
    expect(vendorOfProviderKind("openai")).toBe("openai");
    expect(vendorOfProviderKind("azure")).toBe("openai");
    expect(vendorOfProviderKind("mistral")).toBe("mistral");
    expect(vendorOfProviderKind("openai_compatible")).toBeNull();
    expect(vendorOfProviderKind("sandbox")).toBeNull();
  });
});
