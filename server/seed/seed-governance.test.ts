import { describe, expect, it } from "vitest";
import { CATALOG_MODEL_NAMES } from "../gateway/catalog";
import { PII_LABELS, PII_TYPES, ZPolicyDocument } from "../policy";
import { BASELINE_DESCRIPTION, BASELINE_RULES } from "./seed-governance";

describe("the seeded Baseline policy", () => {
  it("is a policy document the engine reads: every PII type redacted, the catalog's models allowed, nothing else", () => {
    const document = ZPolicyDocument.parse(BASELINE_RULES);
    expect(Object.keys(document).sort()).toEqual(["models", "pii"]);
    expect(document.pii?.actions).toEqual(Object.fromEntries(PII_TYPES.map((t) => [t, "redact"])));
    expect(document.pii?.appliesTo).toEqual(["prompt", "completion"]);
    expect(document.models).toEqual({ allow: { models: [...CATALOG_MODEL_NAMES] } });
  });

  it("is described by what it enforces", () => {
    for (const type of PII_TYPES)
      expect(BASELINE_DESCRIPTION.toLowerCase()).toContain(PII_LABELS[type].plural.toLowerCase());
    expect(BASELINE_DESCRIPTION).toContain("only the models of the built-in catalog may run");
    expect(BASELINE_DESCRIPTION).not.toMatch(/budget|approval/i);
  });
});
