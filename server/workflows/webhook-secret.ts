// The webhook's address and secret for the builder: anyone who can read the workflow sees the address and the
// rotation state; builders of its team may reveal the secret and rotate it. Every reveal and rotation is audited;
// the secret itself never goes into the audit trail or the logs.
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { can, type TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { newWebhookSecret } from "./create-workflow";
import { loadWorkflowFor } from "./workflow-access";
import { principalActor } from "../auth/actor";
import { isPreviousSecretValid } from "./webhook-secret-rules";
import { WEBHOOK_GRACE_SECONDS, type TRotatedSecret, type TWebhookAuthMode, type TWebhookInfo } from "./webhook-secret.shared";

export const ZRotateWebhookSecret = z.object({
  graceSeconds: z.union(WEBHOOK_GRACE_SECONDS.map((s) => z.literal(s))),
});

function webhookAuthOf(graph: unknown): TWebhookAuthMode | null {
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
    actor: principalActor(principal),
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
): Promise<TRotatedSecret> {
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
      actor: principalActor(principal),
      action: "workflow.webhook_secret_rotated",
      resource: { type: "workflow", id: workflow.id },
      teamId: workflow.teamId,
      data: { graceSeconds, previousSecretExpiresAt: expiresAt?.toISOString() ?? null },
    });
  });
  return { secret, rotatedAt: now.toISOString(), previousSecretExpiresAt: expiresAt?.toISOString() ?? null };
}
