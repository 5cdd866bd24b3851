import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { requestCancel } from "./run-commands";

// A step that an ended run closes says why with its own code, not the code of its previous attempt's failure.

let h: THarness;
let stub: THttpStub;
beforeAll(async () => {
  h = await startHarness("closedcodes");
  stub = await startHttpStub();
});
afterAll(async () => {
  await stub.close();
  await h.close();
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("steps closed by the end of their run", () => {
  it("a step pending a retry after a 5xx, then cancelled, reads CANCELLED", async () => {
    stub.route("/busy", () => ({ status: 503, json: { error: "busy" } }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          call: { type: "tool.http", config: { method: "GET", url: `${stub.url}/busy` }, settings: { retry: { maxAttempts: 3, backoffMs: 60_000, maxBackoffMs: 60_000, retryOn: "retryable" } } },
        },
        ["t>call"],
      ),
    );
    const runId = await h.start(wf);
    await until(async () => (await h.t.db.stepRun.findFirst({ where: { runId, nodeId: "call" } }))?.errorCode === "HTTP_5XX");
    await requestCancel({ db: h.t.db, redis: h.redis }, runId, { type: "user", id: h.principal.id, label: h.principal.email });
    expect(await h.waitFor(runId, ["CANCELLED"])).toMatchObject({ status: "CANCELLED" });
    const step = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "call" } });
    expect({ status: step.status, errorCode: step.errorCode, error: step.error }).toEqual({
      status: "CANCELLED",
      errorCode: "CANCELLED",
      error: "The run was cancelled.",
    });
    expect(stub.callsTo("/busy")).toHaveLength(1);
  });

  it("a step still pending when a sibling fails the run reads RUN_FAILED", async () => {
    stub.route("/slow-busy", () => ({ status: 503, json: { error: "busy" } }));
    stub.route("/bad", () => ({ status: 422, json: { error: "invalid" } }));
    const wf = await h.publish(
      graph(
        {
          t: { type: "trigger.manual" },
          a: { type: "tool.http", config: { method: "GET", url: `${stub.url}/slow-busy` }, settings: { retry: { maxAttempts: 3, backoffMs: 60_000, maxBackoffMs: 60_000, retryOn: "retryable" } } },
          b: { type: "tool.http", config: { method: "GET", url: `${stub.url}/bad` } },
        },
        ["t>a", "t>b"],
      ),
    );
    const runId = await h.start(wf);
    expect(await h.waitFor(runId)).toMatchObject({ status: "FAILED" });
    const a = await h.t.db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "a" } });
    expect({ status: a.status, errorCode: a.errorCode, error: a.error }).toEqual({
      status: "CANCELLED",
      errorCode: "RUN_FAILED",
      error: "The run failed before this step finished.",
    });
  });
});
