import { afterAll, describe, expect, it } from "vitest";
import { createRedis, createSubscriber } from "../redis/client";
import { createSharedSubscriber } from "./shared-subscriber";
import { runChannel } from "./live-events";

const publisher = createRedis();
afterAll(() => publisher.disconnect());

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

describe("shared subscriber", () => {
  it("subscribes a channel once for all its listeners and unsubscribes when the last one leaves", async () => {
    let connections = 0;
    const shared = createSharedSubscriber(() => {
      connections += 1;
      return createSubscriber();
    });
    try {
      const channel = runChannel("shared-a");
      const other = runChannel("shared-b");
      const heardByA: (string | null)[] = [];
      const heardByB: (string | null)[] = [];
      const heardOther: (string | null)[] = [];
      const [stopA, stopB, stopOther] = await Promise.all([
        shared.listen(channel, (m) => heardByA.push(m)),
        shared.listen(channel, (m) => heardByB.push(m)),
        shared.listen(other, (m) => heardOther.push(m)),
      ]);
      expect(connections).toBe(1);
      expect(shared.channelCount()).toBe(2);
      expect(await subscribers(channel)).toBe(1);
      expect(await publisher.publish(channel, "one")).toBe(1);
      await eventually(async () => heardByA.length === 1 && heardByB.length === 1);
      expect(heardOther).toEqual([]);

      stopA();
      stopA(); // a second call changes nothing
      expect(await publisher.publish(channel, "two")).toBe(1);
      await eventually(async () => heardByB.length === 2);
      expect(heardByA).toEqual(["one"]);
      expect(await subscribers(channel)).toBe(1);

      stopB();
      await eventually(async () => (await subscribers(channel)) === 0);
      expect(await subscribers(other)).toBe(1);
      expect(shared.channelCount()).toBe(1);

      // Leaving and coming back at once: the SUBSCRIBE goes after the UNSUBSCRIBE, so the channel ends up subscribed.
      stopOther();
      const stopLast = await shared.listen(other, () => undefined);
      await new Promise((r) => setTimeout(r, 100));
      expect(await subscribers(other)).toBe(1);
      stopLast();
      await eventually(async () => (await subscribers(other)) === 0);
      expect(connections).toBe(1);
    } finally {
      shared.close();
    }
  });

  it("rejects a listener when Redis cannot be reached, and keeps nothing of it", async () => {
    const shared = createSharedSubscriber(() => createSubscriber({ url: "redis://127.0.0.1:1/0" }));
    try {
      await expect(shared.listen(runChannel("nowhere"), () => undefined)).rejects.toThrow();
      expect(shared.channelCount()).toBe(0);
    } finally {
      shared.close();
    }
  });
});
