import { describe, expect, it } from "vitest";
import { DEFAULT_BREAKER_SETTINGS } from "@/server/net/breaker-settings.shared";
import { describeIssue, fromRows, toRows } from "./breaker-threshold-rows";

describe("breaker threshold rows", () => {
  it("round-trip the settings, in seconds and percent as shown", () => {
    const settings = {
      defaults: DEFAULT_BREAKER_SETTINGS.defaults,
      overrides: [
        { key: "host:api.example.com:8443", failureThreshold: 3, windowMs: 10_000, coolDownMs: 1500, failureRate: { threshold: 0.25, minRequests: 20 } },
        { key: "provider:p1", failureThreshold: 10, windowMs: 120_000, coolDownMs: 60_000, failureRate: null },
      ],
    };
    const rows = toRows(settings);
    expect(rows.map((r) => [r.kind, r.target, r.windowSeconds, r.coolDownSeconds, r.ratePercent])).toEqual([
      ["default", "", "60", "30", ""],
      ["host", "api.example.com:8443", "10", "1.5", "25"],
      ["provider", "p1", "120", "60", ""],
    ]);
    expect(fromRows(rows)).toEqual(settings);
  });

  it("sends what was not a number as such, for the API to name", () => {
    const [defaults] = toRows(DEFAULT_BREAKER_SETTINGS);
    const out = fromRows([{ ...defaults!, failures: "", coolDownSeconds: "soon" }]);
    expect(out.defaults.failureThreshold).toBeNaN();
    expect(out.defaults.coolDownMs).toBeNaN();
  });

  it("names the row an API issue is about", () => {
    const rows = toRows({ defaults: DEFAULT_BREAKER_SETTINGS.defaults, overrides: [{ key: "provider:p1", ...DEFAULT_BREAKER_SETTINGS.defaults }] });
    expect(describeIssue("overrides.0.coolDownMs", "Too short.", rows, () => "Acme")).toBe("Acme: Too short.");
    expect(describeIssue("defaults.windowMs", "Too long.", rows, () => "")).toBe("Defaults: Too long.");
  });
});
