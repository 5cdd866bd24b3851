// What one seed run created; a second run on the same database reports zeros everywhere.

export const SEED_COUNT_KEYS = [
  "users",
  "teams",
  "memberships",
  "providers",
  "models",
  "routes",
  "credentials",
  "policies",
  "budgets",
  "knowledgeBases",
  "documents",
  "workflows",
  "agents",
  "runs",
  "stepRuns",
  "approvals",
  "metricBuckets",
  "usageEntries",
] as const;

export type TSeedCountKey = (typeof SEED_COUNT_KEYS)[number];
export type TSeedCounts = Record<TSeedCountKey, number>;

export function emptyCounts(): TSeedCounts {
  return Object.fromEntries(SEED_COUNT_KEYS.map((k) => [k, 0])) as TSeedCounts;
}

export function hasChanges(counts: TSeedCounts): boolean {
  return SEED_COUNT_KEYS.some((k) => counts[k] > 0);
}
