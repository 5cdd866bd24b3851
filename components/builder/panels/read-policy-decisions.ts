// A step's policy decisions are stored as JSON whose exact shape the policy engine owns; read what a person needs
// (which policy, at which point, what it decided and why) and let the caller fall back to raw JSON otherwise.
import { z } from "zod";
import type { TTone } from "@/components/shell/badge";

const ZReasons = z.union([z.array(z.unknown()), z.string()]).optional();

const ZDecision = z.looseObject({
  decision: z.string().optional(),
  action: z.string().optional(),
  outcome: z.string().optional(),
  policy: z.string().optional(),
  policyName: z.string().optional(),
  point: z.string().optional(),
  reasons: ZReasons,
  reason: z.string().optional(),
});

export type TPolicyDecisionView = {
  point: string | null;
  policy: string;
  decision: string;
  tone: TTone;
  reasons: string[];
};

const POINT_LABELS: Record<string, string> = { pre: "Before the step", post: "After the step" };

/** Reads as a verdict: allowed green, blocked red, anything that changed or held the step amber. */
function toneOf(decision: string): TTone {
  const d = decision.toLowerCase();
  if (/^(allow|allowed|pass|passed|ok|permit)/.test(d)) return "green";
  if (/(deny|denied|block|reject|refus|fail)/.test(d)) return "red";
  if (/(redact|approval|warn|flag|hold|mask|review|require)/.test(d)) return "amber";
  return "slate";
}

function humanize(text: string): string {
  const spaced = text.replace(/[_-]+/g, " ").trim();
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : text;
}

function reasonText(reason: unknown): string {
  if (typeof reason === "string") return reason;
  if (reason && typeof reason === "object" && "message" in reason && typeof reason.message === "string") {
    return reason.message;
  }
  return JSON.stringify(reason) ?? String(reason);
}

/** The decisions in a readable form; [] when there are none, null when the value has a shape this build cannot read. */
export function readPolicyDecisions(value: unknown): TPolicyDecisionView[] | null {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const views: TPolicyDecisionView[] = [];
  for (const item of list) {
    const parsed = ZDecision.safeParse(item);
    if (!parsed.success) return null;
    const d = parsed.data;
    const decision = d.decision ?? d.action ?? d.outcome;
    if (!decision) return null;
    const reasons = d.reasons === undefined ? (d.reason ? [d.reason] : []) : typeof d.reasons === "string" ? [d.reasons] : d.reasons.map(reasonText);
    views.push({
      point: d.point ? (POINT_LABELS[d.point] ?? humanize(d.point)) : null,
      policy: d.policy ?? d.policyName ?? "Policy",
      decision: humanize(decision),
      tone: toneOf(decision),
      reasons,
    });
  }
  return views;
}
