import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError, errorMessage, request } from "./api-client";
import { rejectionOf, stubFetch } from "./stub-fetch.fixture";

afterEach(() => vi.unstubAllGlobals());

describe("request", () => {
  it("sends JSON only when there is a body, never from the cache, and resolves with the JSON answer", async () => {
    const fetchMock = stubFetch(200, { id: "wf_1" });
    await expect(request("/api/workflows", { method: "POST", body: { name: "Triage" } })).resolves.toEqual({ id: "wf_1" });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe("/api/workflows");
    expect(init).toMatchObject({ method: "POST", cache: "no-store", headers: { "content-type": "application/json" } });
    expect(JSON.parse(String(init?.body))).toEqual({ name: "Triage" });

    const get = stubFetch(200, { ok: true });
    await request("/api/engine/status");
    expect(get.mock.calls[0]?.[1]).toMatchObject({ method: "GET", headers: undefined, body: undefined });
  });

  it("keeps the server's status, code, message, field issues and details", async () => {
    stubFetch(400, {
      error: {
        code: "VALIDATION",
        message: "Some fields are missing or invalid.",
        issues: [{ path: "name", message: "Give the workflow a name" }],
        details: { currentRevision: 4 },
      },
    });
    const error = await rejectionOf(request("/api/workflows", { method: "POST", body: {} }));
    expect(error.status).toBe(400);
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toBe("Some fields are missing or invalid.");
    expect(error.issueFor("name")).toBe("Give the workflow a name");
    expect(error.issueFor("teamId")).toBeUndefined();
    expect(error.details).toEqual({ currentRevision: 4 });
  });

  it("keeps the message when other parts of the error are malformed", async () => {
    stubFetch(409, { error: { code: 7, message: "This workflow is archived.", issues: "x", details: [1] } });
    const error = await rejectionOf(request("/api/workflows/wf1/status", { method: "POST", body: {} }));
    expect(error.message).toBe("This workflow is archived.");
    expect(error).toMatchObject({ status: 409, code: null, issues: [], details: {} });
  });

  it("explains a failure without a JSON body and an unreachable server", async () => {
    stubFetch(502, "<html>Bad gateway</html>");
    const gateway = await rejectionOf(request("/api/runs/r1"));
    expect(gateway.status).toBe(502);
    expect(gateway.message).toBe("The request failed (HTTP 502). Try again.");

    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    const offline = await rejectionOf(request("/api/runs/r1"));
    expect(offline.status).toBe(0);
    expect(offline.message).toMatch(/could not be reached/);
  });
});

describe("errorMessage", () => {
  it("gives an error's message and a generic one for anything else", () => {
    expect(errorMessage(new ApiRequestError(403, "You cannot do that."))).toBe("You cannot do that.");
    expect(errorMessage("boom")).toBe("Something went wrong. Try again.");
  });
});
