// What the builder's pickers offer for one team: enabled models (with prices) and routes, which are shared by the
// organisation, and the team's own credentials (never their secrets), knowledge bases and callable workflows.
import type { TDb } from "../db/client";
import { ZRouteTargets } from "../gateway/resolve-target";
import type { TEditorCatalog } from "./editor.shared";


export async function loadEditorCatalog(db: TDb, teamId: string, workflowId: string | null): Promise<TEditorCatalog> {
  const [models, routes, credentials, knowledgeBases, workflows] = await Promise.all([
    db.model.findMany({
      where: { isEnabled: true, provider: { isEnabled: true } },
      orderBy: [{ provider: { name: "asc" } }, { displayName: "asc" }, { id: "asc" }],
      select: { id: true, name: true, displayName: true, inputPricePerMTok: true, outputPricePerMTok: true, provider: { select: { name: true } } },
    }),
    db.route.findMany({
      where: { isEnabled: true },
      orderBy: { name: "asc" },
      select: { name: true, description: true, strategy: true, targets: true },
    }),
    db.credential.findMany({ where: { teamId }, orderBy: { name: "asc" }, select: { id: true, name: true, kind: true } }),
    db.knowledgeBase.findMany({ where: { teamId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.workflow.findMany({
      where: {
        teamId,
        publishedVersionId: { not: null },
        status: { not: "archived" },
        ...(workflowId ? { id: { not: workflowId } } : {}),
      },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  return {
    models: models.map((m) => ({
      id: m.id,
      name: m.name,
      displayName: m.displayName,
      providerName: m.provider.name,
      inputPricePerMTok: m.inputPricePerMTok.toFixed(),
      outputPricePerMTok: m.outputPricePerMTok.toFixed(),
    })),
    routes: routes.map((r) => ({
      name: r.name,
      description: r.description,
      strategy: r.strategy,
      modelIds: (ZRouteTargets.safeParse(r.targets).data ?? []).map((t) => t.modelId),
    })),
    credentials,
    knowledgeBases,
    workflows,
  };
}
