import { appendAudit } from "../audit/append";
import type { TDb } from "../db/client";
import { emptyCounts, hasChanges, type TSeedCounts } from "./counts";
import { seedCatalog, seedRoutes } from "./seed-catalog";
import { seedBudgets, seedCredentials, seedPolicy } from "./seed-governance";
import { seedHistory } from "./seed-history";
import { seededPolicies } from "./history-policy-facts";
import { seedKnowledge } from "./seed-knowledge";
import { demoPasswordFrom, seedPeople } from "./seed-people";
import { seedWorkflows } from "./seed-workflows";

// The demo seed. Idempotent by construction: every part looks rows up by a natural key and creates only what is
// missing. It does not update rows, so people's edits survive `npm start`, which seeds on every start; the only
// exceptions upgrade what an older version seeded (the demo organisation admin and the published demo password in
// seed-people.ts, demo credentials without hosts in seed-governance.ts). Generated history is written once per
// workflow, and the audit trail gets one `seed.applied` event only when something was actually written.

export { DEMO_USERS, DEMO_TEAMS, PUBLISHED_DEMO_PASSWORD } from "./seed-people";
export { SEED_COUNT_KEYS, type TSeedCounts } from "./counts";

export type TSeedOptions = {
  /** Anchor of the generated history (default: the current time). */
  now?: Date;
  /** Days of generated run history per demo workflow (default 30; 0 skips history). */
  historyDays?: number;
  /** The demo users' password (default: BATON_DEMO_PASSWORD; the seed refuses to run without one). */
  demoPassword?: string;
};

export type TSeedResult = {
  created: TSeedCounts;
  isChanged: boolean;
  durationMs: number;
  /** Demo users whose password was still the published `baton-demo` and now is the installation's. */
  demoPasswordsReplaced: string[];
};

export const DEFAULT_HISTORY_DAYS = 30;

export async function seedDemo(db: TDb, options: TSeedOptions = {}): Promise<TSeedResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const days = Math.max(0, Math.floor(options.historyDays ?? DEFAULT_HISTORY_DAYS));
  const counts = emptyCounts();
  const demoPassword = demoPasswordFrom({
    BATON_DEMO_PASSWORD: options.demoPassword ?? process.env.BATON_DEMO_PASSWORD,
  });

  const people = await seedPeople(db, counts, demoPassword);
  const { modelIds } = await seedCatalog(db, counts, people.userIds.admin);
  await seedRoutes(db, counts, modelIds, people.userIds.admin);
  const credentialIds = await seedCredentials(db, counts, people);
  await seedPolicy(db, counts);
  // Generated steps get their policy decisions from the policy engine, under the policy as stored.
  const policies = await seededPolicies(db);
  const knowledgeBaseId = await seedKnowledge(db, counts, people);
  const refs = { modelIds, credentialIds, knowledgeBaseId };
  const targets = await seedWorkflows(db, counts, people, refs);
  await seedHistory(db, counts, targets, {
    now,
    days,
    approverId: people.userIds.approver,
    policies,
  });
  await seedBudgets(db, counts, people);

  const isChanged = hasChanges(counts);
  if (isChanged) {
    await appendAudit(db, {
      actor: { type: "system", label: "seed" },
      action: "seed.applied",
      resource: { type: "system", id: "demo-seed" },
      data: { created: counts, historyDays: days, anchor: now.toISOString() },
    });
  }
  return {
    created: counts,
    isChanged,
    durationMs: Math.round(performance.now() - started),
    demoPasswordsReplaced: people.demoPasswordsReplaced,
  };
}
