// How the governance layer projects a model call's cost and writes down what it decided and what it sent: one
// implementation, used by the layer itself (governance.ts) and by the seed's generated history, which must read
// exactly like what the engine writes.
import { createHash } from "node:crypto";
import { costUsd, COST_DECIMAL_PLACES, type TModelPrices } from "../gateway/pricing";
import type { TChatMessage } from "../gateway/providers";
import { countChatTokens } from "../gateway/tokenizer";
import type { TCandidate } from "../gateway/resolve-target";
import type { TFiredRule, TModelRef, TResolvedPolicy } from "../policy";
import { RECORD_PROMPTS } from "../policy/document";
import type { TSentRequest } from "./records.shared";

/** Output tokens projected for a call that sets no limit and whose model declares none. */
export const DEFAULT_PROJECTED_OUTPUT_TOKENS = 4096;

export type TProjectionTarget = { name: string; prices: TModelPrices; maxOutputTokens?: number | null };

/** Prompt tokens counted with the model's tokenizer, the output limit, and the priciest target's prices. */
export function projectCall(messages: TChatMessage[], maxTokens: number | undefined, targets: readonly TProjectionTarget[]) {
  let most = { costUsd: "0", promptTokens: 0, completionTokens: 0 };
  let mostCost = -1;
  for (const t of targets) {
    const promptTokens = countChatTokens(messages, t.name);
    const completionTokens = maxTokens ?? t.maxOutputTokens ?? DEFAULT_PROJECTED_OUTPUT_TOKENS;
    const cost = costUsd(t.prices, promptTokens, completionTokens);
    if (cost.toNumber() > mostCost) {
      mostCost = cost.toNumber();
      most = { costUsd: cost.toFixed(COST_DECIMAL_PLACES), promptTokens, completionTokens };
    }
  }
  return most;
}

/** Where several policies say how to keep prompts, the one keeping least wins (none, then hash, then full). */
export function recordMode(policies: readonly TResolvedPolicy[]): (typeof RECORD_PROMPTS)[number] {
  let mode: (typeof RECORD_PROMPTS)[number] = "full";
  for (const p of policies) {
    const m = p.document.recordPrompts;
    if (m && RECORD_PROMPTS.indexOf(m) > RECORD_PROMPTS.indexOf(mode)) mode = m;
  }
  return mode;
}

export function sentRequestOf(
  policies: readonly TResolvedPolicy[],
  model: { name: string; provider: string },
  messages: unknown,
  params: Record<string, unknown>,
): TSentRequest {
  const base = { model: model.name, provider: model.provider };
  const mode = recordMode(policies);
  if (mode === "none") return { record: "none", ...base };
  const sha256 = createHash("sha256").update(JSON.stringify({ model: model.name, messages, params })).digest("hex");
  return mode === "hash" ? { record: "hash", ...base, sha256 } : { record: "full", ...base, messages, params, sha256 };
}

/** The policies and budgets that covered a call: every covering policy, and the budgets whose rules fired. */
export function checkedOf(policies: readonly TResolvedPolicy[], rules: readonly TFiredRule[]): string[] {
  const names = policies.map((p) => `policy ${p.name} v${p.version}`);
  for (const r of rules) if (r.source === "budget") names.push(`budget "${r.policyName}"`);
  return [...new Set(names)];
}

/** A model target as the policy engine reads it. */
export function modelRefOf(c: TCandidate): TModelRef {
  return { name: c.model.name, provider: c.provider.name, region: c.model.region ?? null };
}

/**
 * Redacted values may be put back at `point` when every covering policy with a PII rule allows it (pii.restoreIn) and
 * none masks at rest: then the Output node's result and the approver's view keep the placeholders, and the values are
 * shown only to those who may reveal them (server/runs/reveal-run.ts, audited).
 */
export function mayRestore(policies: readonly TResolvedPolicy[], point: "output" | "approval"): boolean {
  return policies.every((p) => !p.document.pii || (p.document.pii.restoreIn.includes(point) && !p.document.pii.maskAtRest));
}
