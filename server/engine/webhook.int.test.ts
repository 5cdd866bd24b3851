import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { handleWebhook } from "./webhook";
import { AppError } from "../errors";

let h: THarness;
let immediate: string;
let waiting: string;
let signed: string;
beforeAll(async () => {
  h = await startHarness("webhook");
  const flow = (auth: string, responseMode: string) =>
    graph(
      {
        t: { type: "trigger.webhook", config: { auth, responseMode, waitTimeoutMs: 5000 } },
        out: { type: "control.output", config: { value: "{ 'total': $sum(trigger.body.items.price), 'source': trigger.query.source }" } },
      },
      ["t>out"],
    );
  immediate = await h.publish(flow("secret", "immediate"));
  waiting = await h.publish(flow("secret", "wait"));
  signed = await h.publish(flow("hmac", "wait"));
});
afterAll(async () => h.close());

const post = (id: string, body: string, headers: Record<string, string> = {}) =>
  handleWebhook({ db: h.t.db, redis: h.redis }, id, new Request(`http://baton.test/api/hooks/${id}?source=shop`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
const codeOf = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof AppError ? `${e.status} ${e.message}` : String(e)));
const order = JSON.stringify({ items: [{ price: 10 }, { price: 5.5 }] });

describe("webhook trigger", () => {
  it("answers 202 with the run id and runs the workflow", async () => {
    const res = await post(immediate, order, { "x-baton-secret": "s3cret" });
    expect(res.status).toBe(202);
    const runId = String(res.body.runId);
    expect(await h.waitFor(runId)).toMatchObject({ status: "SUCCEEDED", output: { total: 15.5, source: "shop" } });
    const run = await h.t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.triggerType).toBe("webhook");
  });

  it("waits for the result when configured", async () => {
    const res = await post(waiting, order, { "x-baton-secret": "s3cret" });
    expect(res).toMatchObject({ status: 200, body: { status: "SUCCEEDED", output: { total: 15.5 } } });
  });

  it("refuses a wrong or missing secret with 401, and starts nothing", async () => {
    const before = await h.t.db.run.count();
    expect(await codeOf(post(immediate, order, { "x-baton-secret": "nope" }))).toMatch(/^401 .*X-Baton-Secret/);
    expect(await codeOf(post(immediate, order))).toMatch(/^401/);
    expect(await h.t.db.run.count()).toBe(before);
  });

  it("refuses a malformed body with 400 and the parser's reason", async () => {
    expect(await codeOf(post(immediate, '{"items": [', { "x-baton-secret": "s3cret" }))).toMatch(/^400 The request body is not valid JSON: .+/);
  });

  it("checks HMAC signatures of the raw body", async () => {
    const signature = createHmac("sha256", "s3cret").update(order).digest("hex");
    expect((await post(signed, order, { "x-baton-signature": `sha256=${signature}` })).status).toBe(200);
    expect(await codeOf(post(signed, order.replace("10", "1000"), { "x-baton-signature": `sha256=${signature}` }))).toMatch(/^401 .*Signature/);
  });

  it("says clearly when the workflow does not exist or is paused", async () => {
    expect(await codeOf(post("nope", order, { "x-baton-secret": "s3cret" }))).toMatch(/^404/);
    await h.t.db.workflow.update({ where: { id: immediate }, data: { status: "paused" } });
    expect(await codeOf(post(immediate, order, { "x-baton-secret": "s3cret" }))).toMatch(/^409 .*paused/);
  });
});
