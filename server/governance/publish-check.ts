// Publishing checks the models rules now, so a builder learns which node breaks which rule before a run fails on it:
// every model and route a node uses is resolved to its targets, and a node none of whose targets the covering
// policies allow is a problem of that node. The same rules apply again at run time (a policy changed after
// publishing still applies), through the same evaluator (refusedModel).
import { refusedModel } from "../policy";
import type { TDataClassification } from "../policy/document";
import { inspectGraph } from "../workflows/validate-graph.shared";
import { referenceSlots } from "../workflows/reference-slots.shared";
import type { TGraphProblem } from "../workflows/graph-problems.shared";
import type { TGovernanceDeps } from "./types";
import { modelRefOf } from "./call-record";
import { isNodeError } from "../nodes/node-error";

export async function modelPolicyProblems(
  deps: Pick<TGovernanceDeps, "policiesFor" | "resolveCandidates">,
  input: { teamId: string; workflowId: string; dataClassification: TDataClassification; graph: unknown },
): Promise<TGraphProblem[]> {
  const { policies } = await deps.policiesFor({ teamId: input.teamId, workflowId: input.workflowId });
  if (policies.every((p) => !p.document.models)) return [];
  const problems: TGraphProblem[] = [];
  for (const node of inspectGraph(input.graph).nodes.values()) {
    if (!node.hasValidConfig || !node.node) continue;
    for (const slot of referenceSlots({ id: node.id, type: node.node.type, config: node.config as Record<string, unknown> })) {
      if (!slot.isUsed || (slot.kind !== "model" && slot.kind !== "route")) continue;
      const target = slot.kind === "model" ? { modelId: slot.id } : { routeName: slot.id };
      let candidates;
      try {
        candidates = await deps.resolveCandidates(target, `publish:${input.workflowId}:${node.id}`);
      } catch (error) {
        if (isNodeError(error)) continue; // a missing or disabled target is the reference check's problem
        throw error;
      }
      const refusals = candidates.map((c) => refusedModel({ model: modelRefOf(c), dataClassification: input.dataClassification }, policies));
      if (refusals.length > 0 && refusals.every((r) => r.length > 0)) {
        const reasons = [...new Set(refusals.flat().map((r) => r.message))];
        problems.push({
          nodeId: node.id,
          field: slot.field,
          code: "model_refused_by_policy",
          message: `Node "${node.id}": ${reasons.join("; ")}. Choose a model the policies allow, or ask an admin to change the policy.`,
        });
      }
    }
  }
  return problems;
}
