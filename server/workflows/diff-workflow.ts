// What changed between two states of a workflow: published versions by number, or the draft.
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import type { TGraphDiff } from "./editor.shared";
import { ZWorkflowGraph, type TWorkflowGraph } from "./graph.shared";
import { diffGraphs } from "./diff-graphs.shared";
import { loadVersionGraph, ZVersionNumber } from "./list-versions";
import { loadWorkflowFor } from "./workflow-access";

const REF_MESSAGE = 'Use a version number (e.g. 3) or "draft"';
const ZVersionRef = z.union([z.literal("draft"), ZVersionNumber], { error: REF_MESSAGE });

export const ZDiffQuery = z.object({
  from: z.string({ error: `Say which state to compare from: ${REF_MESSAGE}` }).pipe(ZVersionRef),
  to: z.string({ error: `Say which state to compare to: ${REF_MESSAGE}` }).pipe(ZVersionRef),
});

function asGraph(raw: unknown, what: string): TWorkflowGraph {
  const parsed = ZWorkflowGraph.safeParse(raw);
  // Stored graphs passed this check when they were saved; a failure means data written outside the app.
  if (!parsed.success) throw new AppError("CONFLICT", `The ${what} is not a readable graph, so it cannot be compared.`);
  return parsed.data;
}

export async function diffWorkflow(
  db: TDb,
  principal: TPrincipal,
  workflowId: string,
  raw: { from?: string | null; to?: string | null },
): Promise<TGraphDiff> {
  const query = parseOrThrow(ZDiffQuery, { from: raw.from ?? undefined, to: raw.to ?? undefined });
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:read");
  const graphOf = async (ref: "draft" | number) =>
    ref === "draft"
      ? asGraph(workflow.draftGraph, "draft")
      : asGraph((await loadVersionGraph(db, workflowId, ref)).graph, `version ${ref}`);
  const [before, after] = await Promise.all([graphOf(query.from), graphOf(query.to)]);
  return diffGraphs(before, after);
}
