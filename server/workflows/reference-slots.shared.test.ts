import { describe, expect, it } from "vitest";
import { referenceFields, referenceSlots, withReference } from "./reference-slots.shared";

describe("reference slots", () => {
  it("finds the records a node refers to, and marks a local classifier's model as not called", () => {
    expect(
      referenceSlots({ id: "c", type: "ai.classifier", config: { mode: "local", model: { kind: "model", modelId: "m1" } } }),
    ).toEqual([{ nodeId: "c", kind: "model", field: "model.modelId", id: "m1", isUsed: false }]);
    expect(referenceSlots({ id: "l", type: "ai.llm", config: { model: { kind: "route", routeName: "fast" } } })).toEqual([
      { nodeId: "l", kind: "route", field: "model.routeName", id: "fast", isUsed: true },
    ]);
    expect(referenceSlots({ id: "s", type: "control.subworkflow", config: { workflowId: "w1" } })).toMatchObject([
      { kind: "workflow", id: "w1" },
    ]);
    // An empty field is no reference, but it is still a place where one goes.
    expect(referenceSlots({ id: "h", type: "tool.http", config: { credentialId: null } })).toEqual([]);
    expect(referenceFields({ id: "h", type: "tool.http", config: { credentialId: null } })).toEqual([
      { kind: "credential", field: "credentialId", isUsed: true },
    ]);
    expect(referenceFields({ id: "t", type: "tool.transform", config: { credentialId: "x" } })).toEqual([]);
  });

  it("sets a nested field without touching the original", () => {
    const config = { model: { kind: "model", modelId: "old" }, temperature: 0.2 };
    expect(withReference(config, "model.modelId", "new")).toEqual({ model: { kind: "model", modelId: "new" }, temperature: 0.2 });
    expect(config.model.modelId).toBe("old");
    expect(withReference({ credentialId: "c" }, "credentialId", null)).toEqual({ credentialId: null });
  });
});
