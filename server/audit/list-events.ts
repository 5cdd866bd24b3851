import { z } from "zod";
import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { assertCan, teamScope, type TPrincipal } from "../auth/permissions";
import { ZPage, optionalPrefix } from "../shared/query-params";
import type { TAuditList } from "./audit-list.shared";

export const AUDIT_PAGE_SIZE = 50;

export const ZAuditFilters = z.object({ action: optionalPrefix(), page: ZPage });

/**
 * The audit trail, newest first. The organisation admin sees every event, including the organisation-level ones
 * that belong to no team (sign-ins, engine stop, network settings, system events); a team admin sees only the
 * events of the teams they administer — not even their own sign-ins, which are organisation-level.
 */
export async function listAuditEvents(db: TDb, principal: TPrincipal, raw: unknown): Promise<TAuditList> {
  assertCan(principal, "audit:read");
  const { action, page } = ZAuditFilters.parse(raw ?? {});
  const scope = teamScope(principal, "audit:read");
  const where: Prisma.AuditEventWhereInput = {
    ...(action ? { action: { startsWith: action } } : {}),
    ...(scope.isOrgWide ? {} : { teamId: { in: scope.teamIds } }),
  };
  const total = await db.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: { seq: "desc" },
    skip: (current - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  const teamIds = [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
  const teams = teamIds.length
    ? await db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } })
    : [];
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return {
    page: current,
    pageCount,
    total,
    filters: { action },
    items: rows.map((r) => ({
      seq: r.seq.toString(),
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      actorType: r.actorType,
      actorLabel: r.actorLabel,
      action: r.action,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      teamName: r.teamId ? (teamName.get(r.teamId) ?? r.teamId) : null,
      dataJson: JSON.stringify(r.data, null, 2),
    })),
  };
}
