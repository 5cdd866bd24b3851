import { afterEach, describe, expect, it, vi } from "vitest";
import { rejectionOf, stubFetch } from "@/components/shell/stub-fetch.fixture";
import { fetchDiff, isStaleDraft, postPublish, postRestore, postTestRun } from "./builder-api";
import { problemsOf } from "./read-problems";

afterEach(() => vi.unstubAllGlobals());

describe("builder API calls", () => {
  it("send the documented requests", async () => {
    const fetchMock = stubFetch(200, { runId: "run_1" });
    await expect(postTestRun("wf 1", { amount: 3 }, 7)).resolves.toEqual({ runId: "run_1" });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe("/api/workflows/wf%201/test-runs");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ input: { amount: 3 }, revision: 7 });

    stubFetch(200, { diff: { addedNodes: [] } });
    await fetchDiff("wf1", 3, "draft");
    const [diffUrl] = vi.mocked(fetch).mock.calls[0] ?? [];
    expect(diffUrl).toBe("/api/workflows/wf1/diff?from=3&to=draft");
  });

  it("keep a refused publish's graph problems, dropping malformed ones", async () => {
    stubFetch(400, {
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
    const error = await rejectionOf(postPublish("wf1", { note: "", revision: 2 }));
    expect(error.status).toBe(400);
    expect(error.code).toBe("VALIDATION");
    expect(isStaleDraft(error)).toBe(false);
    expect(problemsOf(error)).toEqual([
      { nodeId: "classify", code: "invalid_template", message: "Classify: unclosed {{", field: "prompt" },
      { nodeId: null, code: "no_trigger", message: "The workflow needs a trigger." },
    ]);
  });

  it("call a 409 naming the current revision stale, and any other conflict not", async () => {
    stubFetch(409, { error: { code: "CONFLICT", message: "Someone saved…", details: { currentRevision: 9, yourRevision: 7 } } });
    const stale = await rejectionOf(postRestore("wf1", 2, 7));
    expect(isStaleDraft(stale)).toBe(true);
    expect(stale.details.currentRevision).toBe(9);

    stubFetch(409, { error: { code: "CONFLICT", message: "This workflow is paused: resume it to start runs." } });
    const paused = await rejectionOf(postTestRun("wf1", {}, 7));
    expect(isStaleDraft(paused)).toBe(false);
    expect(paused.message).toBe("This workflow is paused: resume it to start runs.");
    expect(problemsOf(paused)).toEqual([]);
    expect(isStaleDraft(new Error("not an API error"))).toBe(false);
  });
});
