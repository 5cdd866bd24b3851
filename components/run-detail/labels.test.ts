import { describe, expect, it } from "vitest";
import { circuitWaitLabel } from "@/server/runs/run-detail.shared";
import { waitLabelOf } from "./labels";

describe("wait labels", () => {
  it("a step waiting for an open circuit says for which host or provider and until when", () => {
    const until = new Date("2026-12-07T14:03:22.480Z");
    expect(circuitWaitLabel("host api.example.com:8443", until)).toBe("Waiting for host api.example.com:8443 to recover until 14:03:22 UTC");
    const error = circuitWaitLabel("provider Acme (EU)", until);
    expect(waitLabelOf({ status: "PENDING", waitKind: "circuit", error })).toBe("Waiting for provider Acme (EU) to recover until 14:03:22 UTC");
  });

  it("other steps keep their labels; a retry pending after a failure has none", () => {
    expect(waitLabelOf({ status: "WAITING", waitKind: "approval", error: null })).toBe("Waiting for a decision");
    expect(waitLabelOf({ status: "PENDING", waitKind: "retry", error: "POST x answered 503." })).toBeUndefined();
    expect(waitLabelOf({ status: "RUNNING", waitKind: "circuit", error: "Waiting for host x to recover until 14:00:00 UTC" })).toBeUndefined();
  });
});
