import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { downstreamOf } from "./graph-walk";
import { rollupMetrics } from "./history-metrics";
import { generated, generateFor, NOW } from "./history.test-helper";
import { DEMO_TEMPLATES } from "./seed-workflows";

// The generated history without a database: deterministic, and every run a state the engine could have left.

describe("generated history", () => {
  it("is deterministic for the same workflow and anchor", async () => {
    const a = await generateFor("fraud-triage");
    const b = await generateFor("fraud-triage");
    expect(b.runs).toEqual(a.runs);
    expect(b.steps).toEqual(a.steps);
    expect(b.approvals).toEqual(a.approvals);
  });

  it.each(DEMO_TEMPLATES.map((t, i) => [t.key, i] as const))(
    "leaves every %s run in a consistent state",
    async (key, index) => {
      const { runs, steps, approvals, edges } = await generated(key);
      const template = DEMO_TEMPLATES[index]!;
      expect(runs.length).toBeGreaterThan(14 * template.runsPerDay.weekend[0] * 0.9);
      const stepsByRun = new Map<string, typeof steps>();
      for (const s of steps) stepsByRun.set(s.runId, [...(stepsByRun.get(s.runId) ?? []), s]);
      for (const run of runs) {
        const own = stepsByRun.get(run.id as string) ?? [];
        const times = own.flatMap((s) => [s.startedAt, s.finishedAt]).filter((t): t is Date => t instanceof Date);
        expect(times.every((t) => t.getTime() <= NOW.getTime())).toBe(true);
        expect(new Set(own.map((s) => s.nodeId)).size).toBe(own.length);
        const waiting = own.filter((s) => s.status === "WAITING");
        if (run.status === "WAITING") {
          expect(waiting).toHaveLength(1);
          expect(waiting[0]).toMatchObject({ nodeType: "control.approval", waitKind: "approval", finishedAt: null });
          expect(waiting[0]?.waitUntil).toBeInstanceOf(Date);
          const after = downstreamOf(waiting[0]!.nodeId, edges);
          expect(own.some((s) => after.has(s.nodeId))).toBe(false);
          expect(run.finishedAt).toBeNull();
        } else {
          expect(waiting).toHaveLength(0);
          expect(run.finishedAt).toBeInstanceOf(Date);
        }
        if (run.status === "FAILED") {
          const failed = own.filter((s) => s.status === "FAILED");
          expect(failed).toHaveLength(1);
          expect(run.errorNodeId).toBe(failed[0]?.nodeId);
        }
        if (run.status === "SUCCEEDED") {
          expect(own.every((s) => s.status === "SUCCEEDED" || s.status === "SKIPPED")).toBe(true);
          expect(own.find((s) => s.nodeType === "control.output")?.status).toBe("SUCCEEDED");
        }
      }
      for (const a of approvals) {
        const status = runs.find((r) => r.id === a.runId)?.status;
        const decided = ["APPROVED", "REJECTED", "EXPIRED"];
        const allowed =
          status === "WAITING" ? ["PENDING"] : status === "CANCELLED" ? ["CANCELLED", ...decided] : decided;
        expect(allowed).toContain(a.status);
        expect(a.decidedAt === null).toBe(a.status === "PENDING" || a.status === "CANCELLED");
        // People decide; an expiry is the engine's doing.
        expect(a.decidedById !== null).toBe(a.status === "APPROVED" || a.status === "REJECTED");
      }
    },
  );

  it("rolls up exactly what the steps cost, with each run counted once", async () => {
    const rows = await Promise.all(DEMO_TEMPLATES.map((t) => generated(t.key)));
    const settled = rows.flatMap((r) => r.settled);
    const buckets = rollupMetrics(settled, NOW);
    const sum = (list: unknown[]) =>
      list.reduce<Prisma.Decimal>((n, v) => n.plus(String(v)), new Prisma.Decimal(0)).toFixed(8);
    for (const granularity of ["hour", "day"] as const) {
      const mine = buckets.filter((b) => b.granularity === granularity);
      expect(mine.reduce((n, b) => n + (b.runs ?? 0), 0)).toBe(settled.length);
      expect(sum(mine.map((b) => b.costUsd))).toBe(sum(rows.flatMap((r) => r.steps.map((s) => s.costUsd))));
      expect(mine.filter((b) => b.model !== "").every((b) => b.runs === 0 && b.latencyMsSum === 0n)).toBe(true);
    }
  });
});
