// The webhook's address and secret for the builder: anyone who can read the workflow sees the address and the
// rotation state; builders of its team may reveal the secret and rotate it. Every reveal and rotation is audited;
// the secret itself never goes into the audit trail or the logs.
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { can, type TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { newWebhookSecret } from "./create-workflow";
import { loadWorkflowFor, userActor } from "./workflow-access";
import { isPreviousSecretValid } from "./webhook-secret-rules";

/** Grace periods a builder may choose for the old secret after a rotation: none, 1 hour, 24 hours, 7 days. */
export const WEBHOOK_GRACE_SECONDS = [0, 3600, 86_400, 604_800] as const;

export const ZRotateWebhookSecret = z.object({
  graceSeconds: z.union(WEBHOOK_GRACE_SECONDS.map((s) => z.literal(s))),
});

type TAuthMode = "secret" | "hmac";

export type TWebhookInfo = {
  path: string;
  /** The address on NEXTAUTH_URL, the public URL of the app. */
  url: string;
  /** The trigger's auth in the draft, and in the published version (null when none is published or it is not a webhook). */
  auth: TAuthMode | null;
  publishedAuth: TAuthMode | null;
  rotatedAt: string | null;
  previousSecretExpiresAt: string | null;
  canManageSecret: boolean;
};

function webhookAuthOf(graph: unknown): TAuthMode | null {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return null;
  const trigger = nodes.find((n: unknown) => (n as { type?: unknown } | null)?.type === "trigger.webhook") as { config?: { auth?: unknown } } | undefined;
  if (!trigger) return null;
  return trigger.config?.auth === "hmac" ? "hmac" : "secret";
}

export async function getWebhookInfo(db: TDb, principal: TPrincipal, workflowId: string, publicUrl: string, now = new Date()): Promise<TWebhookInfo> {
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:read");
  const published = workflow.publishedVersionId
    ? await db.workflowVersion.findUnique({ where: { id: workflow.publishedVersionId }, select: { graph: true } })
    : null;
  const path = `/api/hooks/${workflow.id}`;
  return {
    path,
    url: new URL(path, publicUrl).toString(),
    auth: webhookAuthOf(workflow.draftGraph),
    publishedAuth: published ? webhookAuthOf(published.graph) : null,
    rotatedAt: workflow.webhookSecretRotatedAt?.toISOString() ?? null,
    previousSecretExpiresAt: isPreviousSecretValid(workflow, now) ? workflow.previousWebhookSecretExpiresAt!.toISOString() : null,
    canManageSecret: can(principal, "workflow:write", { teamId: workflow.teamId }),
  };
}

export async function revealWebhookSecret(db: TDb, principal: TPrincipal, workflowId: string): Promise<{ secret: string }> {
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:write");
  await appendAudit(db, {
    actor: userActor(principal),
    action: "workflow.webhook_secret_revealed",
    resource: { type: "workflow", id: workflow.id },
    teamId: workflow.teamId,
  });
  return { secret: workflow.webhookSecret };
}

export async function rotateWebhookSecret(
  db: TDb,
  principal: TPrincipal,
  workflowId: string,
  raw: unknown,
  now = new Date(),
): Promise<{ secret: string; rotatedAt: string; previousSecretExpiresAt: string | null }> {
  const { graceSeconds } = parseOrThrow(ZRotateWebhookSecret, raw, "Choose how long the old secret stays valid: 0, 3600, 86400 or 604800 seconds.");
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:write");
  const secret = newWebhookSecret();
  // A rotation during another's grace period ends that older secret's validity at once: only one previous secret is kept.
  const expiresAt = graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null;
  await db.$transaction(async (tx) => {
    const { count } = await tx.workflow.updateMany({
      where: { id: workflow.id, webhookSecret: workflow.webhookSecret },
      data: {
        webhookSecret: secret,
        previousWebhookSecret: expiresAt ? workflow.webhookSecret : null,
        previousWebhookSecretExpiresAt: expiresAt,
        webhookSecretRotatedAt: now,
        updatedById: principal.id,
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "Someone rotated this secret a moment ago. Reload to see the current state.");
    await appendAudit(tx, {
      actor: userActor(principal),
      action: "workflow.webhook_secret_rotated",
      resource: { type: "workflow", id: workflow.id },
      teamId: workflow.teamId,
      data: { graceSeconds, previousSecretExpiresAt: expiresAt?.toISOString() ?? null },
    });
  });
  return { secret, rotatedAt: now.toISOString(), previousSecretExpiresAt: expiresAt?.toISOString() ?? null };
}
