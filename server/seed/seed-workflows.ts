import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { RiskClass } from "../db/generated/enums";
import { ZWorkflowGraph } from "../workflows/graph.shared";
import { newWebhookSecret } from "../workflows/new-webhook-secret";
import type { TSeedCounts } from "./counts";
import type { TDemoTemplate, TSeedRefs, TTemplateKey } from "./demo-template";
import type { THistoryTarget } from "./history-generate";
import type { TPeople } from "./seed-people";
import { fraudTriage } from "./workflow-fraud-triage";
import { incidentResponse } from "./workflow-incident-response";
import { supportTriage } from "./workflow-support-triage";

// The three demo workflows, published as version 1 with the draft identical to it, and the agents registered
// for them. Create-only: once a workflow exists, people own its draft, versions and status.

export const DEMO_TEMPLATES: readonly TDemoTemplate[] = [fraudTriage, supportTriage, incidentResponse];

const AGENTS: {
  template: TTemplateKey;
  name: string;
  purpose: string;
  riskClass: RiskClass;
  allowedModels: string[];
  allowedTools: string[];
}[] = [
  {
    template: "fraud-triage",
    name: "Fraud Analyst Assistant",
    purpose:
      "Scores card transactions for fraud risk; above 0.8 a compliance officer reviews it, and the case that freezes the card is opened when they approve or when nobody decides within 4 hours.",
    riskClass: "high",
    allowedModels: ["sandbox-smart", "gpt-4.1", "claude-sonnet-4-20250514"],
    allowedTools: ["ai.entities", "tool.http:cases.example.com"],
  },
  {
    template: "support-triage",
    name: "Support Reply Drafter",
    purpose:
      "Drafts replies to customer tickets from help-centre articles; an agent reviews every draft before it is sent.",
    riskClass: "limited",
    allowedModels: ["sandbox-fast", "sandbox-smart", "gpt-4o-mini", "gemini-2.5-flash"],
    allowedTools: ["ai.retrieval:Help Centre", "tool.http:helpdesk.example.com"],
  },
];

export async function seedWorkflows(
  db: TDb,
  counts: TSeedCounts,
  people: TPeople,
  refs: TSeedRefs,
): Promise<THistoryTarget[]> {
  const targets: THistoryTarget[] = [];
  for (const template of DEMO_TEMPLATES) {
    const teamId = people.teamIds[template.teamSlug];
    const existing = await db.workflow.findUnique({
      where: { teamId_name: { teamId, name: template.name } },
      select: { id: true, publishedVersion: { select: { id: true, graph: true } } },
    });
    if (existing) {
      // History follows the published version as stored; a version that no longer parses gets none.
      const stored = existing.publishedVersion && ZWorkflowGraph.safeParse(existing.publishedVersion.graph);
      if (existing.publishedVersion && stored?.success) {
        targets.push({
          template,
          graph: stored.data,
          workflowId: existing.id,
          versionId: existing.publishedVersion.id,
          teamId,
        });
      }
      continue;
    }
    // A demo graph that fails the shared schema is a bug in the seed: fail loudly rather than store it.
    const graph = ZWorkflowGraph.parse(template.graph(refs));
    const json = graph as unknown as Prisma.InputJsonValue;
    const createdById = people.userIds.builder;
    const ids = await db.$transaction(async (tx) => {
      const workflow = await tx.workflow.create({
        data: {
          teamId,
          name: template.name,
          description: template.description,
          status: "published",
          tags: template.tags,
          draftGraph: json,
          // Random per installation, like any workflow's; an existing workflow keeps its own (create-only above).
          webhookSecret: newWebhookSecret(),
          templateKey: template.key,
          createdById,
          updatedById: createdById,
        },
        select: { id: true, createdAt: true },
      });
      const version = await tx.workflowVersion.create({
        data: { workflowId: workflow.id, number: 1, graph: json, note: "Published by the demo seed", createdById },
        select: { id: true },
      });
      // Keep updatedAt equal to createdAt: the workflow has not been edited since it was made.
      await tx.workflow.update({
        where: { id: workflow.id },
        data: { publishedVersionId: version.id, updatedAt: workflow.createdAt },
      });
      return { workflowId: workflow.id, versionId: version.id };
    });
    counts.workflows += 1;
    targets.push({ template, graph, teamId, ...ids });
  }
  await seedAgents(db, counts, people, targets);
  return targets;
}

async function seedAgents(db: TDb, counts: TSeedCounts, people: TPeople, targets: THistoryTarget[]): Promise<void> {
  for (const agent of AGENTS) {
    const target = targets.find((t) => t.template.key === agent.template);
    const template = DEMO_TEMPLATES.find((t) => t.key === agent.template);
    if (!template) continue;
    const teamId = people.teamIds[template.teamSlug];
    const existing = await db.agent.findUnique({
      where: { teamId_name: { teamId, name: agent.name } },
      select: { id: true },
    });
    if (existing) continue;
    const { template: _key, ...fields } = agent;
    await db.agent.create({
      data: {
        ...fields,
        teamId,
        ownerId: people.userIds.builder,
        workflowId: target?.workflowId ?? null,
        createdById: people.userIds.builder,
      },
    });
    counts.agents += 1;
  }
}
