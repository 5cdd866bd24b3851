import { describe, expect, it } from "vitest";
import { scopeFromSteps } from "./editor.shared";

const step = (nodeId: string, iterationKey: string, status: string, output: unknown) => ({ nodeId, iterationKey, status, output });

describe("the preview scope of a run", () => {
  it("holds the input and each node's succeeded output; inside a loop, its first succeeded iteration", () => {
    const scope = scopeFromSteps({ body: { n: 3 } }, [
      step("each", "1.0", "SUCCEEDED", "deep"),
      step("each", "2", "SUCCEEDED", "third"),
      step("each", "0", "FAILED", null),
      step("each", "1", "SUCCEEDED", "second"),
      step("fetch", "", "FAILED", null),
      step("fetch", "", "SUCCEEDED", { ok: true }),
      step("later", "", "SKIPPED", null),
    ]);
    expect(scope).toEqual({ trigger: { body: { n: 3 } }, nodes: { each: { output: "second" }, fetch: { output: { ok: true } } } });
    expect(scopeFromSteps(null, [])).toEqual({ trigger: {}, nodes: {} });
  });
});
