// Import: a new draft workflow from an exported document (workflow-document.shared.ts). Refused with a message naming
// the problem when the file is not a Baton workflow of a version this code reads, and with every problem of the graph
// (the graph validator's, by node) when the graph is not valid; nothing is created then. Records the graph refers to
// are re-linked by name in the team; what is missing there is returned as problems for the editor to show.
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { ZWorkflowGraph } from "./graph.shared";
import { graphRefused } from "./graph-errors";
import { isReferenceProblem } from "./graph-problems.shared";
import { availableName, insertWorkflow, ZWorkflowName } from "./create-workflow";
import { inspectGraph } from "./validate-graph.shared";
import { validateWorkflow } from "./validate-workflow";
import { WORKFLOW_DOCUMENT_FORMAT, WORKFLOW_DOCUMENT_VERSION, ZWorkflowDocument } from "./workflow-document.shared";
import { relinkReferences } from "./workflow-references";

export const ZImportWorkflow = z.object({
  teamId: z.string().min(1, "Choose a team").max(64),
  /** Default: the name in the document, numbered if the team already has one. */
  name: ZWorkflowName.optional(),
  document: z.unknown(),
});
export type TImportWorkflow = z.input<typeof ZImportWorkflow>;

export async function importWorkflow(db: TDb, principal: TPrincipal, raw: TImportWorkflow) {
  const input = parseOrThrow(ZImportWorkflow, raw);
  assertCan(principal, "workflow:write", { teamId: input.teamId });
  checkEnvelope(input.document);
  const document = parseOrThrow(
    ZWorkflowDocument,
    input.document,
    "The file is a Baton workflow export, but some of its fields are missing or invalid.",
  );
  const parsed = ZWorkflowGraph.safeParse(document.workflow.graph);
  if (!parsed.success) throw graphRefused("imported", inspectGraph(document.workflow.graph).problems);
  const graph = await relinkReferences(db, input.teamId, parsed.data, document.references);
  // One validation of the re-linked graph: a broken graph is refused; records the team lacks are problems to fix.
  const { problems } = await validateWorkflow(db, { teamId: input.teamId, graph });
  if (problems.some((p) => !isReferenceProblem(p))) throw graphRefused("imported", problems);
  const workflow = await insertWorkflow(db, principal, {
    teamId: input.teamId,
    name: input.name ?? (await availableName(db, input.teamId, document.workflow.name)),
    description: document.workflow.description,
    tags: document.workflow.tags,
    graph,
    audit: { action: "workflow.imported", data: { nodes: graph.nodes.length, exportedAt: document.exportedAt ?? null } },
  });
  return { id: workflow.id, name: workflow.name, problems };
}

/** The format and its version first, each with its own message: the rest of the file means nothing without them. */
function checkEnvelope(document: unknown): void {
  const fields = document !== null && typeof document === "object" && !Array.isArray(document) ? document : null;
  const refuse = (message: string, path: string) =>
    new AppError("BAD_REQUEST", message, { issues: [{ path: `document.${path}`, message }] });
  if (!fields) throw refuse("The file is not a Baton workflow export: it should contain a JSON object.", "format");
  const { format, formatVersion } = fields as { format?: unknown; formatVersion?: unknown };
  if (format !== WORKFLOW_DOCUMENT_FORMAT) {
    const found = format === undefined ? "it has no \"format\" field" : `its format is ${JSON.stringify(format)}`;
    throw refuse(`The file is not a Baton workflow export: ${found}, expected "${WORKFLOW_DOCUMENT_FORMAT}".`, "format");
  }
  if (formatVersion !== WORKFLOW_DOCUMENT_VERSION) {
    const isNewer = typeof formatVersion === "number" && formatVersion > WORKFLOW_DOCUMENT_VERSION;
    throw refuse(
      isNewer
        ? `The file uses format version ${formatVersion}, newer than this Baton reads (version ${WORKFLOW_DOCUMENT_VERSION}). Update Baton to import it.`
        : `The file's format version ${JSON.stringify(formatVersion ?? null)} is not supported; this Baton reads version ${WORKFLOW_DOCUMENT_VERSION}.`,
      "formatVersion",
    );
  }
}
