import { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZApprovalConfig } from "./definition";
import { evaluateExpression } from "../../engine/expressions";
import { renderTemplate } from "../../engine/templates";

export const ZApprovalDecision = z.object({
  decision: z.enum(["approved", "rejected", "expired"]),
  comment: z.string().nullish(),
  decidedBy: z.string().nullish(),
  /** The approver's name (their email when the account has none); payloads written before it carry decidedBy only. */
  decidedByName: z.string().nullish(),
});

export const execute: TExecutor<z.infer<typeof ZApprovalConfig>> = async (ctx) => {
  if (ctx.resume?.kind === "approval") {
    const d = ZApprovalDecision.parse(ctx.resume.payload);
    const handle = d.decision === "expired" ? "timeout" : d.decision;
    return { kind: "done", output: { decision: d.decision, comment: d.comment ?? null, decidedBy: d.decidedBy ?? null }, handles: [handle] };
  }
  const title = await renderTemplate(ctx.config.title, ctx.scope, { nodeId: ctx.nodeId, field: "title" });
  const details = await evaluateExpression(ctx.config.details, ctx.scope, { nodeId: ctx.nodeId, field: "details" });
  const dueAt = ctx.config.slaHours ? new Date(Date.now() + ctx.config.slaHours * 3_600_000) : null;
  return {
    kind: "wait",
    wait: {
      kind: "approval",
      title,
      details: details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>) : { value: details ?? null },
      assigneeRole: ctx.config.assigneeRole,
      dueAt,
    },
  };
};
