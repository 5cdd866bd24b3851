import { describe, expect, it } from "vitest";
import { makeRunStep } from "@/components/builder/panels/make-run-step.fixture";
import type { TStepAttempt } from "@/server/runs/run-detail.shared";
import { attemptTimeline, hasAttemptStory } from "./attempt-timeline";

const attempt = (patch: Partial<TStepAttempt>): TStepAttempt => ({
  kind: "call",
  attempt: 1,
  startedAt: "2026-12-07T10:00:00.000Z",
  endedAt: "2026-12-07T10:00:00.100Z",
  reason: "answered",
  errorCode: null,
  error: null,
  idempotencyKey: "r1:call::1",
  retryAt: null,
  ...patch,
});

describe("attemptTimeline", () => {
  it("lists a flaky call's failures with the retry backoff between them, then its answer", () => {
    const step = makeRunStep({
      nodeType: "tool.http",
      attempt: 3,
      attempts: [
        attempt({ reason: "failed", errorCode: "HTTP_5XX", error: "HTTP 500", retryAt: "2026-12-07T10:00:00.300Z" }),
        attempt({ attempt: 2, startedAt: "2026-12-07T10:00:00.300Z", endedAt: "2026-12-07T10:00:00.350Z", reason: "failed", errorCode: "HTTP_5XX", retryAt: "2026-12-07T10:00:01.000Z", idempotencyKey: "r1:call::2" }),
        attempt({ attempt: 3, startedAt: "2026-12-07T10:00:01.000Z", endedAt: "2026-12-07T10:00:01.020Z", idempotencyKey: "r1:call::3" }),
      ],
    });
    expect(hasAttemptStory(step)).toBe(true);
    const entries = attemptTimeline(step);
    expect(entries.map((e) => (e.type === "attempt" ? `${e.attempt} ${e.outcome}` : `${e.label} ${e.durationMs}`))).toEqual([
      "1 Failed",
      "Retry backoff 200",
      "2 Failed",
      "Retry backoff 650",
      "3 Answered",
    ]);
  });

  it("shows a circuit refusal as an entry without a call, and the wait for the host while the retry is pending", () => {
    const step = makeRunStep({
      status: "PENDING",
      attempts: [attempt({ kind: "circuit", reason: "circuit_open", errorCode: "CIRCUIT_OPEN", idempotencyKey: null, retryAt: "2026-12-07T10:00:30.000Z" })],
    });
    const [refusal, wait] = attemptTimeline(step);
    expect(refusal).toMatchObject({ type: "attempt", outcome: "Circuit open: no call made", isRefusal: true, idempotencyKey: null });
    expect(wait).toMatchObject({ type: "wait", label: "Circuit open: waiting to try again", isOngoing: true, until: "2026-12-07T10:00:30.000Z" });
  });

  it("says a call stopped by the emergency stop is waiting for the resume, then that it was sent again with the same key", () => {
    const stopped = attempt({ reason: "aborted_stop", endedAt: "2026-12-07T10:00:05.000Z" });
    const interrupted = attemptTimeline(makeRunStep({ status: "RUNNING", isInterruptedByStop: true, attempts: [stopped] }));
    expect(interrupted[1]).toMatchObject({ type: "wait", label: "Engine stopped", isOngoing: true, until: null });
    const resumed = attemptTimeline(
      makeRunStep({ attempts: [stopped, attempt({ startedAt: "2026-12-07T10:01:05.000Z", endedAt: "2026-12-07T10:01:05.100Z" })] }),
    );
    expect(resumed[0]).toMatchObject({ outcome: "Aborted by emergency stop", note: "Sent again as the same attempt, with the same Idempotency-Key." });
    expect(resumed[1]).toMatchObject({ label: "Engine stopped", isOngoing: false, durationMs: 60_000 });
  });

  it("shows an approval's wait between asking and the decision; a single answer tells nothing more than the step", () => {
    const approval = makeRunStep({
      nodeType: "control.approval",
      attempts: [attempt({ reason: "waiting" }), attempt({ startedAt: "2026-12-07T11:00:00.000Z", endedAt: "2026-12-07T11:00:00.010Z" })],
    });
    expect(attemptTimeline(approval)[1]).toMatchObject({ label: "Waiting for a decision", durationMs: 3_599_900 });
    // Nothing was sent before the wait: the step went on after it.
    expect(attemptTimeline(approval)[0]).toMatchObject({ note: "Resumed after the wait as the same attempt, with the same Idempotency-Key." });
    expect(hasAttemptStory(makeRunStep({ attempts: [attempt({})] }))).toBe(false);
  });

  it("explains a call whose worker crashed", () => {
    const [crashed] = attemptTimeline(makeRunStep({ attempts: [attempt({ reason: "aborted_crash", endedAt: "2026-12-07T10:00:31.000Z" }), attempt({})] }));
    expect(crashed).toMatchObject({ outcome: "Aborted: worker crashed", note: expect.stringMatching(/found it at 10:00:31/) });
  });
});

describe("attemptTimeline without an end", () => {
  it("shows no wait whose end was never recorded (a finished loop, a run that ended during a backoff)", () => {
    const loop = makeRunStep({ nodeType: "control.loop", attempts: [attempt({ reason: "waiting" })] });
    expect(attemptTimeline(loop).map((e) => e.type)).toEqual(["attempt"]);
    const cancelled = makeRunStep({ status: "CANCELLED", attempts: [attempt({ reason: "aborted_stop" })] });
    expect(attemptTimeline(cancelled).map((e) => e.type)).toEqual(["attempt"]);
  });
});

describe("attemptTimeline when the run ended during a backoff", () => {
  it("shows no backoff that never ran out", () => {
    const step = makeRunStep({ status: "CANCELLED", attempts: [attempt({ reason: "failed", retryAt: "2026-12-07T10:00:09.000Z" })] });
    expect(attemptTimeline(step).map((e) => e.type)).toEqual(["attempt"]);
  });
});
