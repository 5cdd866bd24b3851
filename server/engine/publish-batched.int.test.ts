import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, type TRedis } from "@/server/redis/client";
import { allRunsChannel, runChannel, type TLiveEvent } from "@/server/events/live-events";
import { publishBatched } from "./publish-batched";

let publisher: TRedis;
let subscriber: TRedis;
const received: { channel: string; event: TLiveEvent }[] = [];

beforeAll(async () => {
  publisher = createRedis();
  subscriber = createRedis();
  subscriber.on("message", (channel: string, raw: string) => received.push({ channel, event: JSON.parse(raw) as TLiveEvent }));
  await subscriber.subscribe(allRunsChannel(), runChannel("r1"));
});
afterAll(() => {
  publisher.disconnect();
  subscriber.disconnect();
});

const event = (runId: string, status: string): TLiveEvent => ({ type: "run", runId, workflowId: "w", teamId: "t", status, at: "2026-01-01T00:00:00.000Z" });

describe("publishBatched", () => {
  it("sends the events of one event-loop turn together, in order, on the run's channel and the firehose", async () => {
    const sent = [publishBatched(publisher, [event("r1", "QUEUED"), event("r2", "QUEUED")]), publishBatched(publisher, [event("r1", "RUNNING")])];
    expect(sent[0]).toBe(sent[1]);
    await Promise.all(sent);
    await publishBatched(publisher, [event("r1", "SUCCEEDED")]);
    await publishBatched(publisher, []);
    await expect.poll(() => received.filter((m) => m.channel === allRunsChannel()).length).toBe(4);
    const firehose = received.filter((m) => m.channel === allRunsChannel()).map((m) => `${m.event.runId}:${m.event.status}`);
    expect(firehose).toEqual(["r1:QUEUED", "r2:QUEUED", "r1:RUNNING", "r1:SUCCEEDED"]);
    expect(received.filter((m) => m.channel === runChannel("r1")).map((m) => m.event.status)).toEqual(["QUEUED", "RUNNING", "SUCCEEDED"]);
  });
});
