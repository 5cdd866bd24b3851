import { afterAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createRedis } from "../redis/client";
import type { TPrincipal } from "../auth/permissions";
import { publishBatched } from "../engine/publish-batched";
import { runChannel, type TRunEvent, type TStepEvent } from "./live-events";
import { openLiveEventStream, openRunEventStream, sseResponse } from "./sse";

const publisher = createRedis();
afterAll(() => publisher.disconnect());

const reader: TPrincipal = {
  id: "u1",
  email: "r@test.local",
  name: "Reader",
  isOrgAdmin: false,
  memberships: [{ teamId: "team-a", teamSlug: "a", teamName: "A", role: "viewer", isTeamArchived: false }],
};

function runEvent(runId: string, teamId = "team-a"): TRunEvent {
  return { type: "run", runId, workflowId: "wf", teamId, status: "RUNNING", at: new Date().toISOString() };
}
function stepEvent(runId: string): TStepEvent {
  return { ...runEvent(runId), type: "step", nodeId: "n1", iterationKey: "", status: "SUCCEEDED" };
}

/** Reads the stream until `until` matches the text so far, or fails after a timeout. */
async function readUntil(r: ReadableStreamDefaultReader<Uint8Array>, until: (text: string) => boolean, ms = 3000) {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (!until(text)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out; got: ${JSON.stringify(text)}`);
    const chunk = await Promise.race([
      r.read(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`timed out; got: ${JSON.stringify(text)}`)), left),
      ),
    ]);
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

async function subscribers(channel: string): Promise<number> {
  const reply = (await publisher.call("PUBSUB", "NUMSUB", channel)) as [string, number];
  return Number(reply[1]);
}

async function eventually(check: () => Promise<boolean>, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("server-sent live events", () => {
  it("sends only the run's allowed events, as `event:` + `data:` lines", async () => {
    const abort = new AbortController();
    const stream = await openRunEventStream({ runId: "run-1", principal: reader, signal: abort.signal });
    const r = stream.getReader();
    expect(await readUntil(r, (t) => t.includes(": connected"))).toMatch(/^retry: \d+\n/);

    // Another run, a team the reader cannot see (on this run's channel, e.g. a forged message), and garbage: dropped.
    await publishBatched(publisher, [runEvent("run-2"), runEvent("run-1", "team-secret")]);
    await publisher.publish(runChannel("run-1"), "not json");
    await publishBatched(publisher, [stepEvent("run-1"), runEvent("run-1")]);
    const text = await readUntil(r, (t) => t.includes("event: run"));
    expect(text).not.toContain("team-secret");
    expect(text).not.toContain("run-2");
    const [step] = text.split("\n\n").filter((block) => block.startsWith("event: step"));
    expect(step).toBeDefined();
    const data = JSON.parse(step!.split("\n")[1]!.replace(/^data: /, "")) as TStepEvent;
    expect(data).toMatchObject({ type: "step", runId: "run-1", nodeId: "n1" });
    abort.abort();
  });

  it("sends a heartbeat comment while nothing happens", async () => {
    const abort = new AbortController();
    const stream = await openLiveEventStream({
      channels: [runChannel("quiet")],
      isAllowed: () => true,
      signal: abort.signal,
      heartbeatMs: 50,
    });
    const r = stream.getReader();
    expect(await readUntil(r, (t) => t.includes(": ping\n\n"))).toContain(": ping");
    abort.abort();
  });

  it("unsubscribes and disconnects when the client goes away or cancels", async () => {
    for (const how of ["abort", "cancel"] as const) {
      const channel = runChannel(`gone-${how}`);
      let connection: Redis | undefined;
      const abort = new AbortController();
      const stream = await openLiveEventStream({
        channels: [channel],
        isAllowed: () => true,
        signal: abort.signal,
        connect: () => (connection = createRedis()),
      });
      expect(await subscribers(channel)).toBe(1);
      const r = stream.getReader();
      if (how === "abort") {
        abort.abort();
        await readUntil(r, () => false).catch(() => undefined); // drains to the end
        expect((await r.read()).done).toBe(true);
      } else {
        await r.cancel();
      }
      await eventually(async () => (await subscribers(channel)) === 0);
      await eventually(async () => connection?.status === "end");
    }
  });

  it("ends the stream after its maximum lifetime, so the browser reconnects and is checked again", async () => {
    const stream = await openLiveEventStream({
      channels: [runChannel("old")],
      isAllowed: () => true,
      signal: new AbortController().signal,
      maxLifetimeMs: 50,
    });
    const r = stream.getReader();
    await readUntil(r, () => false, 2000).catch(() => undefined);
    expect((await r.read()).done).toBe(true);
    await eventually(async () => (await subscribers(runChannel("old"))) === 0);
  });

  it("is a clear 503 when Redis cannot be reached, and stops retrying", async () => {
    let connection: Redis | undefined;
    let attempts = 0;
    const attempt = openLiveEventStream({
      channels: [runChannel("x")],
      isAllowed: () => true,
      signal: new AbortController().signal,
      connect: () => {
        connection = createRedis({ url: "redis://127.0.0.1:1/0" });
        connection.on("reconnecting", () => (attempts += 1));
        return connection;
      },
    });
    await expect(attempt).rejects.toMatchObject({ code: "UNAVAILABLE", status: 503 });
    const after = attempts;
    await new Promise((r) => setTimeout(r, 600));
    expect(attempts).toBe(after);
  });

  it("answers with the event-stream headers", () => {
    const res = sseResponse(new ReadableStream());
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toContain("no-cache");
  });
});
