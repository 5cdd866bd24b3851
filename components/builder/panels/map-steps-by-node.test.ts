import { describe, expect, it } from "vitest";
import type { TRunStep } from "@/server/runs/run-detail.shared";
import { makeRunStep } from "./make-run-step.fixture";
import { mapStepsByNode } from "./map-steps-by-node";

const step = (nodeId: string, patch: Partial<TRunStep> = {}): TRunStep => makeRunStep({ nodeId, ...patch });

describe("mapStepsByNode", () => {
  it("gives every top-level node its step", () => {
    const steps = [step("start", { nodeType: "trigger.manual" }), step("classify"), step("notify", { status: "RUNNING" })];
    const map = mapStepsByNode(steps);
    expect([...map.keys()]).toEqual(["start", "classify", "notify"]);
    expect(map.get("notify")?.status).toBe("RUNNING");
  });

  it("keeps the latest attempt of a node listed more than once", () => {
    const failed = step("fetch", { attempt: 1, status: "FAILED", startedAt: "2026-01-01T00:00:01.000Z" });
    const retried = step("fetch", { attempt: 2, status: "SUCCEEDED", startedAt: "2026-01-01T00:00:05.000Z" });
    expect(mapStepsByNode([retried, failed]).get("fetch")?.id).toBe(retried.id);
    expect(mapStepsByNode([failed, retried]).get("fetch")?.id).toBe(retried.id);
  });

  it("maps a Loop node to its Loop step and a body node to its most telling item", () => {
    const okItem0 = step("enrich", { iterationKey: "0" });
    const failedItem1 = step("enrich", { iterationKey: "1", status: "FAILED", error: "HTTP 500" });
    const okItem2 = step("enrich", { iterationKey: "2" });
    const loop = step("each", {
      nodeType: "control.loop",
      status: "FAILED",
      iterations: [
        { index: 0, iterationKey: "0", steps: [okItem0] },
        { index: 1, iterationKey: "1", steps: [failedItem1] },
        { index: 2, iterationKey: "2", steps: [okItem2] },
      ],
    });
    const map = mapStepsByNode([step("start"), loop]);
    expect(map.get("each")?.id).toBe(loop.id);
    expect(map.get("each")?.iterations).toHaveLength(3);
    expect(map.get("enrich")?.id).toBe(failedItem1.id);
  });

  it("shows the last item of a body node when every item succeeded, and an item in progress over finished ones", () => {
    const items = [0, 1, 2].map((i) => step("score", { iterationKey: String(i) }));
    const loop = step("each", {
      nodeType: "control.loop",
      iterations: items.map((s, i) => ({ index: i, iterationKey: String(i), steps: [s] })),
    });
    expect(mapStepsByNode([loop]).get("score")?.iterationKey).toBe("2");

    const running = step("score", { iterationKey: "1", status: "RUNNING" });
    const partial = step("each", {
      nodeType: "control.loop",
      status: "RUNNING",
      iterations: [
        { index: 0, iterationKey: "0", steps: [step("score", { iterationKey: "0" })] },
        { index: 1, iterationKey: "1", steps: [running] },
      ],
    });
    expect(mapStepsByNode([partial]).get("score")?.id).toBe(running.id);
  });

  it("reaches nodes of nested loops and orders items numerically", () => {
    const inner9 = step("leaf", { iterationKey: "0.9" });
    const inner10 = step("leaf", { iterationKey: "0.10" });
    const innerLoop = step("inner", {
      nodeType: "control.loop",
      iterationKey: "0",
      iterations: [
        { index: 9, iterationKey: "0.9", steps: [inner9] },
        { index: 10, iterationKey: "0.10", steps: [inner10] },
      ],
    });
    const outer = step("outer", { nodeType: "control.loop", iterations: [{ index: 0, iterationKey: "0", steps: [innerLoop] }] });
    const map = mapStepsByNode([outer]);
    expect(map.get("inner")?.id).toBe(innerLoop.id);
    expect(map.get("leaf")?.id).toBe(inner10.id);
  });

  it("is empty for a run without steps", () => {
    expect(mapStepsByNode([]).size).toBe(0);
  });
});
