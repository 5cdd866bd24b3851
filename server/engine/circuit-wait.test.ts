import { describe, expect, it } from "vitest";
import { circuitOpenError } from "../net/circuit-breaker-info";
import { NodeError } from "../nodes/node-error";
import { compileVersion } from "./compile-version";
import { circuitWaitUntil, classifyFailure } from "./step-runner";

// The retry decision of a step whose call failed or was refused by an open circuit breaker (issue 10, defect 1).

function httpNode(retry: Record<string, unknown>) {
  const version = compileVersion("v", {
    nodes: [
      { id: "t", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      { id: "call", type: "tool.http", typeVersion: 1, position: { x: 0, y: 0 }, config: { method: "GET", url: "https://api.example.com/x" }, settings: { retry } },
    ],
    edges: [{ id: "e", source: "t", sourceHandle: "out", target: "call", targetHandle: "in" }],
  });
  return version.nodes.get("call")!;
}

const NOW = Date.parse("2026-12-07T14:00:00.000Z");
const firstAttempt = new Date(NOW - 60_000);
const half = () => 0.5;

describe("a step refused by an open circuit", () => {
  it("waits for the circuit's half-open time, with jitter, without using up an attempt (even its last)", () => {
    const node = httpNode({ maxAttempts: 5, backoffMs: 100, maxBackoffMs: 200 });
    const retryAt = NOW + 30_000; // today's default cool-down
    const outcome = classifyFailure(node, { attempt: 5, startedAt: firstAttempt }, circuitOpenError("host:api.example.com", retryAt), NOW, half);
    expect(outcome).toMatchObject({ kind: "retry", isCircuitWait: true, error: { code: "CIRCUIT_OPEN", details: { target: "host api.example.com", retryAt } } });
    // Jitter: up to a fifth of the wait, at most 1 s.
    expect(outcome.kind === "retry" && outcome.at.getTime()).toBe(retryAt + 500);
    expect(circuitWaitUntil(retryAt, NOW, () => 0)).toBe(retryAt);
    expect(circuitWaitUntil(NOW + 100, NOW, () => 1)).toBe(NOW + 150);
  });

  it("fails the step, naming the deadline and the host, when the circuit reopens after the retry deadline", () => {
    const node = httpNode({ maxAttempts: 5, backoffMs: 100, maxBackoffMs: 200 });
    // Opened by default thresholds long ago and re-opened by failed probes: the next probe is 10 min away, while the
    // step's default deadline (10 min from its first attempt, a minute ago) ends in 9 min.
    const outcome = classifyFailure(node, { attempt: 2, startedAt: firstAttempt }, circuitOpenError("host:api.example.com:8443", NOW + 600_000), NOW, () => 0);
    expect(outcome).toMatchObject({ kind: "failed", handles: [] });
    expect(outcome.kind === "failed" && outcome.error).toMatchObject({
      code: "CIRCUIT_OPEN",
      message:
        "Gave up waiting for host api.example.com:8443 to recover: its circuit breaker lets the next call through at 14:10:00 UTC, after the step's retry deadline of 10 min from its first attempt (14:09:00 UTC).",
    });
  });

  it("honours a node's own deadline", () => {
    const node = httpNode({ maxAttempts: 3, backoffMs: 100, deadlineMs: 5000 });
    const outcome = classifyFailure(node, { attempt: 1, startedAt: new Date(NOW) }, circuitOpenError("host:api.example.com", NOW + 30_000), NOW, () => 0);
    expect(outcome.kind === "failed" && outcome.error.message).toMatch(/retry deadline of 5 s from its first attempt \(14:00:05 UTC\)/);
  });

  it("fails at once on a node without retries, as before", () => {
    const node = httpNode({ maxAttempts: 1 });
    const outcome = classifyFailure(node, { attempt: 1, startedAt: new Date(NOW) }, circuitOpenError("host:api.example.com", NOW + 1000), NOW);
    expect(outcome).toMatchObject({ kind: "failed", error: { code: "CIRCUIT_OPEN", message: expect.stringMatching(/^Calls to api.example.com are paused/) } });
  });

  it("counts the attempt when a model call reached another target before a circuit refused it", () => {
    const node = httpNode({ maxAttempts: 3, backoffMs: 100, maxBackoffMs: 100 });
    const refusal = circuitOpenError("provider:p2", NOW + 30_000, "provider Backup");
    const attempts = [{ error: { code: "HTTP_5XX" } }, { error: { code: "CIRCUIT_OPEN" } }];
    const error = new NodeError("CIRCUIT_OPEN", "All 2 targets failed", { isRetryable: true, details: { ...refusal.details, attempts } });
    const outcome = classifyFailure(node, { attempt: 1, startedAt: new Date(NOW) }, error, NOW, half);
    expect(outcome).toMatchObject({ kind: "retry" });
    expect(outcome.kind === "retry" && [outcome.isCircuitWait, outcome.at.getTime() - NOW]).toEqual([undefined, 75]);
  });
});

describe("the retry deadline", () => {
  it("when the node sets none, bounds circuit waits only: an ordinary backoff longer than 10 min still retries", () => {
    const node = httpNode({ maxAttempts: 5, backoffMs: 600_000, maxBackoffMs: 3_600_000 });
    const error = new NodeError("HTTP_5XX", "POST api.example.com answered 503.", { isRetryable: true });
    // The second failure's backoff: 20 min, well past 10 min from the first attempt (a minute ago).
    const outcome = classifyFailure(node, { attempt: 2, startedAt: firstAttempt }, error, NOW, () => 1);
    expect(outcome).toMatchObject({ kind: "retry", at: new Date(NOW + 1_200_000) });
  });

  it("set on the node, also bounds an ordinary backoff, saying why the step was not retried", () => {
    const node = httpNode({ maxAttempts: 5, backoffMs: 60_000, maxBackoffMs: 60_000, deadlineMs: 90_000 });
    const error = new NodeError("HTTP_5XX", "POST api.example.com answered 503.", { isRetryable: true });
    const outcome = classifyFailure(node, { attempt: 2, startedAt: firstAttempt }, error, NOW, () => 1);
    expect(outcome.kind === "failed" && outcome.error).toMatchObject({
      code: "HTTP_5XX",
      message: "POST api.example.com answered 503. Not retried: the next attempt would start at 14:01:00 UTC, after the step's retry deadline of 1.5 min from its first attempt (14:00:30 UTC).",
    });
    expect(classifyFailure(node, { attempt: 1, startedAt: new Date(NOW) }, error, NOW, () => 1)).toMatchObject({ kind: "retry" });
  });
});
