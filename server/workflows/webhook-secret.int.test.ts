import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import type { TPrincipal, TRole } from "../auth/permissions";
import { AppError } from "../errors";
import { handleWebhook } from "../engine/webhook";
import { getWebhookInfo, revealWebhookSecret, rotateWebhookSecret } from "./webhook-secret";

let h: THarness;
let workflowId: string;
const as = (role: TRole, id = `user-${role}`): TPrincipal => ({
  ...h.principal,
  id,
  email: `${role}@example.com`,
  memberships: h.principal.memberships.map((m) => ({ ...m, role })),
});
const outcome = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof AppError ? `${e.status} ${e.message}` : String(e)));
const call = (secret: string) =>
  handleWebhook(
    { db: h.t.db, redis: h.redis },
    workflowId,
    new Request(`http://baton.test/api/hooks/${workflowId}`, { method: "POST", body: "{}", headers: { "content-type": "application/json", "x-baton-secret": secret } }),
  ).then((r) => r.status, (e: unknown) => (e instanceof AppError ? e.status : 500));
const stringify = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? String(x) : x));
const auditOf = (action: string) => h.t.db.auditEvent.findMany({ where: { action, resourceId: workflowId } });

beforeAll(async () => {
  h = await startHarness("whsecret");
  workflowId = await h.publish(graph({ t: { type: "trigger.webhook", config: { auth: "hmac" } }, out: { type: "control.output", config: { value: "1" } } }, ["t>out"]));
});
afterAll(async () => h.close());

describe("the webhook secret for the builder (finding 15)", () => {
  it("shows everyone who reads the workflow its address and auth mode, never the secret", async () => {
    const info = await getWebhookInfo(h.t.db, as("viewer"), workflowId, "https://baton.example.com/");
    expect(info).toEqual({
      path: `/api/hooks/${workflowId}`,
      url: `https://baton.example.com/api/hooks/${workflowId}`,
      auth: "hmac",
      publishedAuth: "hmac",
      rotatedAt: null,
      previousSecretExpiresAt: null,
      canManageSecret: false,
    });
    expect(JSON.stringify(info)).not.toContain("s3cret");
    expect((await getWebhookInfo(h.t.db, as("builder"), workflowId, "http://localhost:3000")).canManageSecret).toBe(true);
  });

  it("reveals the secret to builders of the team, audited; viewers and other teams get 403 / 404", async () => {
    expect(await revealWebhookSecret(h.t.db, as("builder", h.principal.id), workflowId)).toEqual({ secret: "s3cret" });
    const events = await auditOf("workflow.webhook_secret_revealed");
    expect(events).toHaveLength(1);
    expect(stringify(events[0])).not.toContain("s3cret");
    expect(await outcome(revealWebhookSecret(h.t.db, as("viewer"), workflowId))).toMatch(/^403 /);
    expect(await outcome(revealWebhookSecret(h.t.db, as("approver"), workflowId))).toMatch(/^403 /);
    const stranger: TPrincipal = { ...as("builder"), memberships: [{ teamId: "other-team", teamSlug: "x", teamName: "X", role: "admin", isTeamArchived: false }] };
    expect(await outcome(revealWebhookSecret(h.t.db, stranger, workflowId))).toMatch(/^404 /);
    expect(await auditOf("workflow.webhook_secret_revealed")).toHaveLength(1);
  });

  it("rotates with a grace period: both secrets open the webhook until it ends, then only the new one", async () => {
    // From here on a workflow whose trigger takes the secret header.
    workflowId = await h.publish(graph({ t: { type: "trigger.webhook" }, out: { type: "control.output", config: { value: "1" } } }, ["t>out"]));
    const rotated = await rotateWebhookSecret(h.t.db, as("builder", h.principal.id), workflowId, { graceSeconds: 3600 });
    expect(rotated.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(await call(rotated.secret)).toBe(202);
    expect(await call("s3cret")).toBe(202);
    const info = await getWebhookInfo(h.t.db, as("viewer"), workflowId, "http://localhost:3000");
    expect(info.rotatedAt).toBe(rotated.rotatedAt);
    expect(info.previousSecretExpiresAt).toBe(rotated.previousSecretExpiresAt);
    const [event] = await auditOf("workflow.webhook_secret_rotated");
    expect(event?.data).toMatchObject({ graceSeconds: 3600 });
    expect(stringify(event)).not.toContain(rotated.secret);

    await h.t.db.workflow.update({ where: { id: workflowId }, data: { previousWebhookSecretExpiresAt: new Date(Date.now() - 1000) } });
    expect(await call("s3cret")).toBe(401);
    expect(await call(rotated.secret)).toBe(202);
  });

  it("a rotation without grace ends the old secret at once; a grace period not offered is a 400", async () => {
    const { secret: before } = await revealWebhookSecret(h.t.db, as("builder", h.principal.id), workflowId);
    const { secret } = await rotateWebhookSecret(h.t.db, as("builder", h.principal.id), workflowId, { graceSeconds: 0 });
    expect(await call(before)).toBe(401);
    expect(await call(secret)).toBe(202);
    expect(await outcome(rotateWebhookSecret(h.t.db, as("builder"), workflowId, { graceSeconds: 60 }))).toMatch(/^400 Choose how long/);
    expect(await outcome(rotateWebhookSecret(h.t.db, as("viewer"), workflowId, { graceSeconds: 0 }))).toMatch(/^403 /);
  });
});
