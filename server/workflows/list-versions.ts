// The version history of a workflow: its published versions, newest first (test snapshots of the draft are not
// versions anyone published, so they never appear), and one version with its graph.
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import type { TVersionSummary } from "./editor.shared";
import type { TWorkflowGraph } from "./graph.shared";
import { loadWorkflowFor } from "./workflow-access";

/** A published version's number as it comes in a URL: a whole number from 1. */
export const ZVersionNumber = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/, "Version numbers are whole numbers from 1, e.g. 3")
  .transform(Number)
  .pipe(z.number().int().min(1, "Version numbers are whole numbers from 1, e.g. 3"));

export function parseVersionNumber(raw: string): number {
  return parseOrThrow(ZVersionNumber, raw, `"${raw.slice(0, 20)}" is not a version number: use a whole number from 1.`);
}

type TVersionRow = { id: string; number: number; note: string; createdAt: Date; createdById: string | null; graph: unknown };

async function summarize(db: TDb, rows: TVersionRow[], publishedVersionId: string | null): Promise<TVersionSummary[]> {
  const authorIds = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const authors = authorIds.length ? await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(authors.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    createdByName: r.createdById ? (names.get(r.createdById) ?? "A former user") : null,
    isPublished: r.id === publishedVersionId,
    nodeCount: Array.isArray((r.graph as { nodes?: unknown } | null)?.nodes) ? (r.graph as { nodes: unknown[] }).nodes.length : 0,
  }));
}

const VERSION_SELECT = { id: true, number: true, note: true, createdAt: true, createdById: true, graph: true } as const;

export async function listVersions(db: TDb, principal: TPrincipal, workflowId: string): Promise<TVersionSummary[]> {
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:read");
  const rows = await db.workflowVersion.findMany({
    where: { workflowId, isTestSnapshot: false },
    orderBy: { number: "desc" },
    select: VERSION_SELECT,
  });
  return summarize(db, rows, workflow.publishedVersionId);
}

/** The graph of a published version (never a test snapshot); 404 when the workflow has no such version. */
export async function loadVersionGraph(db: TDb, workflowId: string, number: number) {
  const row = await db.workflowVersion.findFirst({ where: { workflowId, number, isTestSnapshot: false }, select: VERSION_SELECT });
  if (!row) throw new AppError("NOT_FOUND", `This workflow has no version ${number}.`);
  return row;
}

export async function getVersion(
  db: TDb,
  principal: TPrincipal,
  workflowId: string,
  rawNumber: string,
): Promise<TVersionSummary & { graph: TWorkflowGraph }> {
  const number = parseVersionNumber(rawNumber);
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:read");
  const row = await loadVersionGraph(db, workflowId, number);
  const [summary] = await summarize(db, [row], workflow.publishedVersionId);
  return { ...summary!, graph: row.graph as TWorkflowGraph };
}
