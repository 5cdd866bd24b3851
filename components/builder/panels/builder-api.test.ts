import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError, fetchDiff, postPublish, postRestore, postTestRun } from "./builder-api";

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

async function rejection(promise: Promise<unknown>): Promise<ApiRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}

afterEach(() => vi.unstubAllGlobals());

describe("builder API calls", () => {
  it("send the documented requests", async () => {
    const fetchMock = answer(200, { runId: "run_1" });
    await expect(postTestRun("wf 1", { amount: 3 }, 7)).resolves.toEqual({ runId: "run_1" });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe("/api/workflows/wf%201/test-runs");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ input: { amount: 3 }, revision: 7 });

    answer(200, { diff: { addedNodes: [] } });
    await fetchDiff("wf1", 3, "draft");
    const [diffUrl] = vi.mocked(fetch).mock.calls[0] ?? [];
    expect(diffUrl).toBe("/api/workflows/wf1/diff?from=3&to=draft");
  });

  it("keep a refused publish's graph problems, dropping malformed ones", async () => {
    answer(400, {
      error: {
        code: "VALIDATION",
        message: "The workflow cannot be published: …",
        details: {
          problems: [
            { nodeId: "classify", code: "invalid_template", message: "Classify: unclosed {{", field: "prompt" },
            { nodeId: null, code: "no_trigger", message: "The workflow needs a trigger." },
            { nodeId: "x", code: "cycle" },
            "nonsense",
          ],
        },
      },
    });
    const error = await rejection(postPublish("wf1", { note: "", revision: 2 }));
    expect(error.status).toBe(400);
    expect(error.code).toBe("VALIDATION");
    expect(error.isStale).toBe(false);
    expect(error.problems).toEqual([
      { nodeId: "classify", code: "invalid_template", message: "Classify: unclosed {{", field: "prompt" },
      { nodeId: null, code: "no_trigger", message: "The workflow needs a trigger." },
    ]);
  });

  it("call a 409 naming the current revision stale, and any other conflict not", async () => {
    answer(409, { error: { code: "CONFLICT", message: "Someone saved…", details: { currentRevision: 9, yourRevision: 7 } } });
    const stale = await rejection(postRestore("wf1", 2, 7));
    expect(stale.isStale).toBe(true);
    expect(stale.details.currentRevision).toBe(9);

    answer(409, { error: { code: "CONFLICT", message: "This workflow is paused: resume it to start runs." } });
    const paused = await rejection(postTestRun("wf1", {}, 7));
    expect(paused.isStale).toBe(false);
    expect(paused.message).toBe("This workflow is paused: resume it to start runs.");
    expect(paused.problems).toEqual([]);
  });

  it("explain a failure without a JSON body and an unreachable server", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<html>Bad gateway</html>", { status: 502 })));
    const gateway = await rejection(postTestRun("wf1", {}, 1));
    expect(gateway.message).toBe("The request failed (HTTP 502). Try again.");

    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    const offline = await rejection(postTestRun("wf1", {}, 1));
    expect(offline.status).toBe(0);
    expect(offline.message).toMatch(/could not be reached/);
  });
});
