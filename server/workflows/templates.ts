// The template gallery: the three demo use cases, built by the same graph builders the demo seed uses, so a workflow
// created from a template starts as the seeded demo workflow did. Their graphs name seeded records (models, routes,
// credentials, the Help Centre knowledge base); here those are looked up by name in the team the workflow is created
// in. What the team does not have is left for the person to fix: a model by its name (reported as unknown), no
// credential, no knowledge base (reported as missing). Never a failure: the draft shows its problems in the editor.
import type { TDb } from "../db/client";
import { AppError } from "../errors";
import type { TDemoTemplate, TSeedRefs } from "../seed/demo-template";
import { HELP_CENTRE } from "../seed/knowledge-docs";
import { DEMO_TEMPLATES } from "../seed/seed-workflows";
import { ZWorkflowGraph, type TWorkflowGraph } from "./graph.shared";
import { modelIdsByName } from "./model-ids-by-name";
import type { TWorkflowTemplateSummary } from "./workflow-templates.shared";

const CATEGORIES: Record<TDemoTemplate["key"], string> = {
  "fraud-triage": "Risk & compliance",
  "support-triage": "Customer support",
  "incident-response": "IT operations",
};

const NO_REFS: TSeedRefs = { modelIds: {}, credentialIds: {}, knowledgeBaseId: "" };

export function listTemplates(): TWorkflowTemplateSummary[] {
  return DEMO_TEMPLATES.map((t) => ({
    key: t.key,
    name: t.name,
    description: t.description,
    category: CATEGORIES[t.key],
    tags: [...t.tags],
    nodeCount: t.graph(NO_REFS).nodes.length,
    triggerType: t.triggerType,
  }));
}

export function findTemplate(key: string): TDemoTemplate {
  const template = DEMO_TEMPLATES.find((t) => t.key === key);
  if (!template) {
    const known = DEMO_TEMPLATES.map((t) => `"${t.key}"`).join(", ");
    throw new AppError("BAD_REQUEST", `There is no template "${key}". Choose one of ${known}.`, {
      issues: [{ path: "templateKey", message: `Unknown template "${key}"` }],
    });
  }
  return template;
}

/** The template's graph with its references resolved in the team (see the top of this file). */
export async function buildTemplateGraph(db: TDb, teamId: string, template: TDemoTemplate): Promise<TWorkflowGraph> {
  return ZWorkflowGraph.parse(template.graph(await resolveRefs(db, teamId)));
}

async function resolveRefs(db: TDb, teamId: string): Promise<TSeedRefs> {
  const [modelIds, credentials, knowledgeBase] = await Promise.all([
    modelIdsByName(db),
    db.credential.findMany({ where: { teamId }, select: { id: true, name: true } }),
    db.knowledgeBase.findUnique({ where: { teamId_name: { teamId, name: HELP_CENTRE.name } }, select: { id: true } }),
  ]);
  return {
    modelIds: Object.fromEntries(modelIds),
    credentialIds: Object.fromEntries(credentials.map((c) => [c.name, c.id])),
    knowledgeBaseId: knowledgeBase?.id ?? "",
  };
}
