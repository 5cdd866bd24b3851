import type { z } from "zod";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { CredentialKind } from "../db/generated/enums";
import type { TJsonSecret } from "../crypto/secret-box";
import { CATALOG_MODEL_NAMES } from "../gateway/catalog";
import { createCredential } from "../net/create-credential";
import type { ZPolicyDocument } from "../policy/document";
import type { TSeedCounts } from "./counts";
import type { TDemoTeamSlug, TPeople } from "./seed-people";

type TPolicyDocumentInput = z.input<typeof ZPolicyDocument>;

// Governance defaults: one global policy, a monthly budget per team, and the (fake) credentials the demo
// workflows' HTTP nodes refer to by name. All create-only, except that a demo credential seeded before credentials
// had hosts is bound to its demo host.

export const BASELINE_POLICY = "Baseline governance";
/** Says exactly what BASELINE_RULES enforce. */
export const BASELINE_DESCRIPTION =
  "Applies to every team. Email addresses, phone numbers, payment card numbers, IBANs, US social security numbers, " +
  "IP addresses and API keys or secrets are replaced by placeholders in what steps send to models and tools and in " +
  "what comes back; only the models of the built-in catalog may run.";

export const TEAM_BUDGETS: Record<TDemoTeamSlug, { name: string; amountUsd: string }> = {
  "risk-ops": { name: "Risk Operations monthly", amountUsd: "50" },
  "customer-care": { name: "Customer Care monthly", amountUsd: "40" },
};

// Each demo credential may be sent only to the host its demo workflow calls.
const CREDENTIALS: { team: TDemoTeamSlug; name: string; kind: CredentialKind; data: TJsonSecret; allowedHosts: string[] }[] = [
  {
    team: "risk-ops",
    name: "case-management-api",
    kind: "bearer",
    data: { token: "demo-case-management-token-0000" },
    allowedHosts: ["cases.example.com"],
  },
  {
    team: "risk-ops",
    name: "chatops-webhook",
    kind: "header",
    data: { header: "X-Webhook-Token", value: "demo-chatops-token-0000" },
    allowedHosts: ["chat.example.com"],
  },
  {
    team: "risk-ops",
    name: "itsm-api",
    kind: "basic",
    data: { username: "baton-bot", password: "demo-itsm-password-0000" },
    allowedHosts: ["itsm.example.com"],
  },
  {
    team: "customer-care",
    name: "helpdesk-api",
    kind: "bearer",
    data: { token: "demo-helpdesk-token-0000" },
    allowedHosts: ["helpdesk.example.com"],
  },
];

/**
 * The Baseline policy's document (server/policy/document.ts): every PII type the detectors know is replaced by a
 * placeholder in what a step sends (prompts, tool calls) and in what comes back, and only the catalog's models run.
 * No approval rule: the demo workflows that need a person's decision have their own Human Approval step. Budgets are
 * not part of a policy document; each budget carries its own action.
 */
export const BASELINE_RULES = {
  pii: {
    actions: {
      email: "redact",
      phone: "redact",
      card: "redact",
      iban: "redact",
      us_ssn: "redact",
      ip_address: "redact",
      secret: "redact",
    },
  },
  models: { allow: { models: [...CATALOG_MODEL_NAMES] } },
} satisfies TPolicyDocumentInput;

/** Returns Credential.id by name, for the demo graphs' HTTP nodes. */
export async function seedCredentials(db: TDb, counts: TSeedCounts, people: TPeople): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const c of CREDENTIALS) {
    const teamId = people.teamIds[c.team];
    const existing = await db.credential.findUnique({
      where: { teamId_name: { teamId, name: c.name } },
      select: { id: true, allowedHosts: true },
    });
    if (existing) {
      // Seeded before credentials had hosts: bind it to its demo host, or its demo workflow could not use it.
      if (existing.allowedHosts.length === 0) {
        await db.credential.update({ where: { id: existing.id }, data: { allowedHosts: c.allowedHosts } });
      }
      ids[c.name] = existing.id;
      continue;
    }
    const created = await createCredential(db, {
      teamId,
      name: c.name,
      kind: c.kind,
      data: c.data,
      allowedHosts: c.allowedHosts,
      createdById: people.userIds.admin,
    });
    ids[c.name] = created.id;
    counts.credentials += 1;
  }
  return ids;
}

/** The Baseline policy and its first version are the seed's: no person is recorded, and the version is generated. */
export async function seedPolicy(db: TDb, counts: TSeedCounts): Promise<void> {
  const existing = await db.policy.findUnique({ where: { name: BASELINE_POLICY }, select: { id: true } });
  if (existing) return;
  await db.$transaction(async (tx) => {
    const policy = await tx.policy.create({ data: { name: BASELINE_POLICY, description: BASELINE_DESCRIPTION } });
    const version = await tx.policyVersion.create({
      data: { policyId: policy.id, number: 1, rules: BASELINE_RULES, note: "Published by the demo seed", isGenerated: true },
    });
    await tx.policy.update({ where: { id: policy.id }, data: { currentVersionId: version.id } });
  });
  counts.policies += 1;
}

/**
 * Monthly team budgets. What they have spent is the ledger's (UsageEntry) sum for the month, which includes the
 * generated history's calls (written by seed-history.ts, labelled as generated on the Policies page).
 */
export async function seedBudgets(db: TDb, counts: TSeedCounts, people: TPeople): Promise<void> {
  for (const [slug, budget] of Object.entries(TEAM_BUDGETS) as [
    TDemoTeamSlug,
    (typeof TEAM_BUDGETS)[TDemoTeamSlug],
  ][]) {
    const teamId = people.teamIds[slug];
    const existing = await db.budget.findFirst({
      where: { scope: "team", teamId, name: budget.name },
      select: { id: true },
    });
    if (existing) continue;
    await db.budget.create({
      data: {
        name: budget.name,
        scope: "team",
        teamId,
        period: "month",
        amountUsd: new Prisma.Decimal(budget.amountUsd),
        createdById: people.userIds.admin,
        updatedById: people.userIds.admin,
      },
    });
    counts.budgets += 1;
  }
}
