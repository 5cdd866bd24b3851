import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { handleWebhook, MAX_WEBHOOK_BODY_BYTES } from "./webhook";
import { signWebhook, WEBHOOK_UNAUTHENTICATED_MESSAGE } from "./webhook-auth";
import { AppError } from "../errors";
import { cleanExpiredReceipts, readIdempotencyKey } from "./webhook-receipts";

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

type TBody = string | ReadableStream<Uint8Array>;
const request = (id: string, body: TBody, headers: Record<string, string> = {}, query = "?source=shop") =>
  new Request(`http://baton.test/api/hooks/${encodeURIComponent(id)}${query}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  } as RequestInit);
const post = (id: string, body: TBody, headers: Record<string, string> = {}, query?: string) =>
  handleWebhook({ db: h.t.db, redis: h.redis }, id, request(id, body, headers, query));
const codeOf = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof AppError ? `${e.status} ${e.message}` : String(e)));
const order = JSON.stringify({ items: [{ price: 10 }, { price: 5.5 }] });
let orderNumber = 0;
/** Another order each call: a signed request is identified by its timestamp and body, and the tests sign in the same second. */
const newOrder = () => JSON.stringify({ ref: `o-${++orderNumber}`, items: [{ price: 10 }, { price: 5.5 }] });
const nowSeconds = () => Math.floor(Date.now() / 1000);
const signedHeaders = (body: string, timestamp = nowSeconds(), secret = "s3cret") => ({
  "x-baton-timestamp": String(timestamp),
  "x-baton-signature": signWebhook(secret, timestamp, body),
});
const runsOf = (workflowId: string) => h.t.db.run.count({ where: { workflowId } });

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

  it("answers 409 for a paused workflow, once the caller is authenticated", async () => {
    const paused = await h.publish(graph({ t: { type: "trigger.webhook" }, out: { type: "control.output", config: { value: "1" } } }, ["t>out"]));
    await h.t.db.workflow.update({ where: { id: paused }, data: { status: "paused" } });
    expect(await codeOf(post(paused, order, { "x-baton-secret": "s3cret" }))).toMatch(/^409 .*paused/);
  });
});

describe("webhook signatures carry a timestamp (finding 8)", () => {
  it("accepts HMAC-SHA256 of \"<timestamp>.<body>\" and refuses it for another body", async () => {
    expect((await post(signed, order, signedHeaders(order))).status).toBe(200);
    const headers = signedHeaders(order);
    expect(await codeOf(post(signed, order.replace("10", "1000"), headers))).toMatch(/^401 .*X-Baton-Signature/);
  });

  it("refuses a signature whose timestamp is 10 minutes old, or 10 minutes ahead, saying so", async () => {
    const before = await runsOf(signed);
    expect(await codeOf(post(signed, order, signedHeaders(order, nowSeconds() - 600)))).toMatch(/^401 X-Baton-Timestamp is \d+ seconds old/);
    expect(await codeOf(post(signed, order, signedHeaders(order, nowSeconds() + 600)))).toMatch(/^401 X-Baton-Timestamp is \d+ seconds in the future/);
    expect(await runsOf(signed)).toBe(before);
  });

  it("refuses the old body-only signature", async () => {
    const { createHmac } = await import("node:crypto");
    const legacy = `sha256=${createHmac("sha256", "s3cret").update(order).digest("hex")}`;
    expect(await codeOf(post(signed, order, { "x-baton-signature": legacy }))).toMatch(/^401 .*X-Baton-Timestamp/);
  });
});

describe("a captured signed request cannot be replayed within the tolerance window (review of finding 8)", () => {
  it("the same signed request three times without an Idempotency-Key starts one run; repeats answer with that run", async () => {
    const body = newOrder();
    const headers = signedHeaders(body);
    const before = await runsOf(signed);
    const answers = [await post(signed, body, headers), await post(signed, body, headers), await post(signed, body, headers)];
    expect(await runsOf(signed)).toBe(before + 1);
    expect(answers[0]).toMatchObject({ status: 200, body: { status: "SUCCEEDED" } });
    expect(answers[0]!.headers).toBeUndefined();
    expect(answers[2]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.headers).toEqual({ "idempotent-replayed": "true" });
  });

  it("adding, changing or dropping an Idempotency-Key does not make a captured signed request new", async () => {
    const body = newOrder();
    const headers = signedHeaders(body);
    const before = await runsOf(signed);
    const first = await post(signed, body, { ...headers, "idempotency-key": "captured-1" });
    const altered = await post(signed, body, { ...headers, "idempotency-key": "attacker-2" });
    const stripped = await post(signed, body, headers);
    expect(await runsOf(signed)).toBe(before + 1);
    expect(altered.body.runId).toBe(first.body.runId);
    expect(stripped.body.runId).toBe(first.body.runId);
  });

  it("10 concurrent copies of one signed request start exactly one run", async () => {
    const body = newOrder();
    const headers = signedHeaders(body);
    const before = await runsOf(signed);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(signed, body, headers)));
    expect(await runsOf(signed)).toBe(before + 1);
    expect(new Set(answers.map((a) => a.body.runId)).size).toBe(1);
  });

  it("a new signature (new timestamp) is a new request; the secret header alone is not deduplicated", async () => {
    const before = await runsOf(signed);
    const body = newOrder();
    await post(signed, body, signedHeaders(body, nowSeconds() - 1));
    await post(signed, body, signedHeaders(body, nowSeconds() - 2));
    expect(await runsOf(signed)).toBe(before + 2);
    const plain = await runsOf(immediate);
    await post(immediate, order, { "x-baton-secret": "s3cret" });
    await post(immediate, order, { "x-baton-secret": "s3cret" });
    expect(await runsOf(immediate)).toBe(plain + 2);
  });
});

describe("Idempotency-Key (finding 8)", () => {
  it("the same signed request three times starts one run and gets three identical answers", async () => {
    const body = newOrder();
    const headers = { ...signedHeaders(body), "idempotency-key": "order-1001" };
    const before = await runsOf(signed);
    const answers = [await post(signed, body, headers), await post(signed, body, headers), await post(signed, body, headers)];
    expect(await runsOf(signed)).toBe(before + 1);
    expect(answers[0]).toMatchObject({ status: 200, body: { status: "SUCCEEDED", output: { total: 15.5 } } });
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.headers).toEqual({ "idempotent-replayed": "true" });
    // Another key is another request.
    const next = newOrder();
    await post(signed, next, { ...signedHeaders(next), "idempotency-key": "order-1002" });
    expect(await runsOf(signed)).toBe(before + 2);
  });

  it("10 concurrent duplicates start exactly one run", async () => {
    const before = await runsOf(immediate);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(immediate, order, { "x-baton-secret": "s3cret", "idempotency-key": "burst-7" })),
    );
    expect(await runsOf(immediate)).toBe(before + 1);
    expect(new Set(answers.map((a) => a.body.runId)).size).toBe(1);
    expect(answers.every((a) => a.status === 202)).toBe(true);
  });

  it("a receipt older than 24 hours is ignored (and a new run starts)", async () => {
    const first = await post(immediate, order, { "x-baton-secret": "s3cret", "idempotency-key": "old-key" });
    await h.t.db.webhookReceipt.updateMany({ where: { idempotencyKey: "key:old-key" }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    const second = await post(immediate, order, { "x-baton-secret": "s3cret", "idempotency-key": "old-key" });
    expect(second.body.runId).not.toBe(first.body.runId);
    expect(await h.t.db.webhookReceipt.count({ where: { idempotencyKey: "key:old-key" } })).toBe(1);
  });

  it("refuses a key longer than 255 characters with 400", async () => {
    expect(await codeOf(post(immediate, order, { "x-baton-secret": "s3cret", "idempotency-key": "k".repeat(256) }))).toMatch(/^400 .*Idempotency-Key.*255/);
  });

  it("the same key on a new signed request answers with the key's run; the two receipts do not collide", async () => {
    const first = newOrder();
    const a = await post(signed, first, { ...signedHeaders(first), "idempotency-key": "both-1" });
    const second = newOrder();
    const b = await post(signed, second, { ...signedHeaders(second), "idempotency-key": "both-1" });
    expect(b.body.runId).toBe(a.body.runId);
    expect(b.headers).toEqual({ "idempotent-replayed": "true" });
    // A caller's key that looks like a signature's receipt is still only a key.
    const sig = (await h.t.db.webhookReceipt.findFirstOrThrow({ where: { runId: String(a.body.runId), idempotencyKey: { startsWith: "sig:" } } })).idempotencyKey;
    const third = newOrder();
    const c = await post(signed, third, { ...signedHeaders(third), "idempotency-key": sig });
    expect(c.body.runId).not.toBe(a.body.runId);
  });

  it("signature receipts are cleaned after twice the tolerance window, Idempotency-Key receipts after 24 hours", async () => {
    const body = newOrder();
    const res = await post(signed, body, { ...signedHeaders(body), "idempotency-key": "clean-1" });
    const runId = String(res.body.runId);
    await h.t.db.webhookReceipt.updateMany({ where: { runId }, data: { createdAt: new Date(Date.now() - 11 * 60_000) } });
    await cleanExpiredReceipts(h.t.db, Date.now() + 3600_000);
    const left = await h.t.db.webhookReceipt.findMany({ where: { runId } });
    expect(left.map((r) => r.idempotencyKey)).toEqual(["key:clean-1"]);
  });
});

describe("webhook strangers learn nothing, and cannot make the server buffer a huge body (finding 11)", () => {
  it("an unknown workflow id answers exactly like a wrong secret", async () => {
    const wrong = await codeOf(post(immediate, order, { "x-baton-secret": "nope" }));
    expect(wrong).toBe(`401 ${WEBHOOK_UNAUTHENTICATED_MESSAGE}`);
    expect(await codeOf(post("no-such-workflow", order, { "x-baton-secret": "nope" }))).toBe(wrong);
    expect(await codeOf(post("no-such-workflow", order, { "x-baton-secret": "s3cret" }))).toBe(wrong);
    expect(await codeOf(post("bad\u0000id", order, { "x-baton-secret": "s3cret" }))).toBe(wrong);
  });

  it("an archived workflow is told only after authentication", async () => {
    const archived = await h.publish(graph({ t: { type: "trigger.webhook" }, out: { type: "control.output", config: { value: "1" } } }, ["t>out"]));
    await h.t.db.workflow.update({ where: { id: archived }, data: { status: "archived" } });
    expect(await codeOf(post(archived, order, { "x-baton-secret": "nope" }))).toBe(`401 ${WEBHOOK_UNAUTHENTICATED_MESSAGE}`);
    expect(await codeOf(post(archived, order, { "x-baton-secret": "s3cret" }))).toMatch(/^409 .*archived/);
  });

  it("stops reading a 64 MB chunked body just past the limit and answers 413", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 64 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    expect(await codeOf(post(immediate, endless, { "x-baton-secret": "s3cret" }))).toMatch(/^413 /);
    expect(pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES + 4 * chunk.byteLength);
  });
});

describe("text that cannot be stored is a 400 naming the field (finding 9)", () => {
  it("a NUL in a body value, a lone surrogate in a key, a NUL in a query parameter: 400, and no run", async () => {
    const before = await runsOf(immediate);
    const auth = { "x-baton-secret": "s3cret" };
    expect(await codeOf(post(immediate, '{"note":"a\\u0000b"}', auth))).toBe("400 body.note: contains a NUL character (U+0000), which cannot be stored.");
    expect(await codeOf(post(immediate, '{"items":[{"\\ud800x":1}]}', auth))).toMatch(/^400 body\.items\.0\."\\ud800x": the key contains a lone surrogate \(U\+D800\)/);
    expect(await codeOf(post(immediate, order, auth, "?source=a%00b"))).toMatch(/^400 query\.source: contains a NUL character/);
    expect(await codeOf(post(immediate, new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) as unknown as string, auth))).toBe("400 The request body is not valid UTF-8 text.");
    expect(await runsOf(immediate)).toBe(before);
  });
});

describe("bodies that parse but cannot be a run's input are a 4xx saying so in the caller's terms (review of issue 9)", () => {
  const auth = { "x-baton-secret": "s3cret" };
  it("nesting deeper than 200 levels is a 400 naming the place, for 250 levels and for 300,000", async () => {
    expect(await codeOf(post(immediate, "[".repeat(250) + "]".repeat(250), auth))).toMatch(
      /^400 The request body cannot start a run: nesting deeper than 200 levels at body(\[0\]){10}.*…$/,
    );
    expect(await codeOf(post(immediate, '{"a":'.repeat(150_000) + "1" + "}".repeat(150_000), auth))).toMatch(/^400 .*nesting deeper than 200 levels at body\.a\.a/);
  });

  it("an Idempotency-Key with odd bytes (Latin-1, as Node reads header bytes 0x80-0xFF) is a key like any other; a NUL in it is a 400", async () => {
    const headers = { ...auth, "idempotency-key": "\u00ff\u0080-odd" };
    const first = await post(immediate, order, headers);
    expect(first.status).toBe(202);
    expect((await post(immediate, order, headers)).body.runId).toBe(first.body.runId);
    const nul = new Headers();
    const withNul = { get: (name: string) => (name === "idempotency-key" ? "a\u0000b" : nul.get(name)) } as Headers;
    expect(() => readIdempotencyKey(withNul)).toThrow("The Idempotency-Key header contains a NUL character (U+0000), which cannot be stored.");
  });

  it("a number too large for JSON (1e400) is a 400 naming the field", async () => {
    expect(await codeOf(post(immediate, '{"n":1e400}', auth))).toBe("400 The request body cannot start a run: the number Infinity at body.n.");
  });

  it("a body under the limit that grows past it as JSON text is a 413 that says why", async () => {
    const text = '"'.repeat(MAX_WEBHOOK_BODY_BYTES - 1000);
    expect(await codeOf(post(immediate, text, { ...auth, "content-type": "text/plain" }))).toMatch(
      /^413 The request becomes 2 MB as the run's input \(its body, headers and query as JSON, where quotes and control characters take more room\), above the 1 MB limit\./,
    );
  });
});
