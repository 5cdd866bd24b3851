import { describe, expect, it } from "vitest";
import type { TRevealedRun, TRunDetail, TRunStep } from "@/server/runs/run-detail.shared";
import { withRevealed } from "./with-revealed";

const step = (id: string, output: unknown, iterations: TRunStep["iterations"] = []) =>
  ({ id, nodeId: id, iterationKey: "", input: null, output, error: null, attempts: [], iterations }) as unknown as TRunStep;

const run = {
  id: "r1",
  input: { body: { email: "[EMAIL_1]" } },
  output: "[EMAIL_1]",
  error: null,
  steps: [step("loop", null, [{ index: 0, iterationKey: "0", steps: [step("inner", "[EMAIL_2]")] }]), step("later", "[EMAIL_1]")],
  approvals: [{ id: "a1", title: "Send to [EMAIL_1]?", details: {} }],
} as unknown as TRunDetail;

describe("withRevealed", () => {
  it("lays the revealed values over the run, nested steps included; steps not revealed keep their placeholders", () => {
    const revealed: TRevealedRun = {
      runId: "r1",
      run: { input: { body: { email: "jane@example.com" } }, output: "jane@example.com", error: null },
      steps: [{ id: "inner", nodeId: "inner", iterationKey: "0", input: null, output: "bob@example.com", error: null, attempts: [] }],
      approvals: [{ id: "a1", title: "Send to jane@example.com?", details: {} }],
    };
    const shown = withRevealed(run, revealed);
    expect(shown.input).toEqual({ body: { email: "jane@example.com" } });
    expect(shown.steps[0]!.iterations[0]!.steps[0]!.output).toBe("bob@example.com");
    expect(shown.steps[1]!.output).toBe("[EMAIL_1]");
    expect(shown.approvals[0]!.title).toBe("Send to jane@example.com?");
  });

  it("a step-only reveal leaves the run's own fields, and another run's reveal changes nothing", () => {
    const one: TRevealedRun = { runId: "r1", run: null, steps: [], approvals: [] };
    expect(withRevealed(run, one).output).toBe("[EMAIL_1]");
    expect(withRevealed(run, { ...one, runId: "r2" })).toBe(run);
    expect(withRevealed(run, null)).toBe(run);
  });
});
