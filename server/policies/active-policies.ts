// The policies the engine enforces: every enabled policy with a current version, as the evaluator takes them
// (TResolvedPolicy), and, apart, the enabled policies whose stored document does not parse — the engine fails closed
// on those (it refuses what they cover, naming the policy and its problem) rather than skipping a rule it cannot read.
//
// Cached per process and database client for at most ACTIVE_POLICIES_TTL_MS, so a step does not pay a query for it.
// Every write in server/policies/ calls invalidateActivePolicies() after it commits: this process applies a change at
// once; other processes (workers, the gateway) see it within ACTIVE_POLICIES_TTL_MS (1 s), with no message between
// processes.
import type { TDb } from "../db/client";
import { formatProblems, validatePolicyDocument, type TDocumentProblem, type TDocumentValidation } from "../policy/validate-document";
import { scopeCovers, selectPolicies, SCOPE_KINDS, type TPolicyScope, type TResolvedPolicy, type TScopeContext } from "../policy/scope";
import { scopeOfRow } from "./stored-scope";

export const ACTIVE_POLICIES_TTL_MS = 1000;

export type TInvalidPolicy = {
  id: string;
  name: string;
  version: number;
  /**
   * Where it applies. Scope columns that contradict themselves (e.g. scope "workflow" without a workflow id) are
   * taken as the owning team's, or the whole organisation's when no team is set: failing closed, wider.
   */
  scope: TPolicyScope;
  problems: TDocumentProblem[];
  /** formatProblems(problems): one "path: message" line per problem. */
  problemText: string;
};

export type TActivePolicies = {
  policies: TResolvedPolicy[];
  invalid: TInvalidPolicy[];
  /** Date.now() when read from the database. */
  loadedAt: number;
};

type TCacheEntry = { at: number; value: Promise<TActivePolicies> };
let caches = new WeakMap<TDb, TCacheEntry>();

// Versions are immutable, so a version's document is validated once per process (the regex guard and JSONata parse
// are not free); bounded so a long-lived process does not grow without end.
const MAX_VALIDATIONS = 2000;
const validations = new Map<string, TDocumentValidation>();

function validateVersion(versionId: string, rules: unknown): TDocumentValidation {
  const hit = validations.get(versionId);
  if (hit) return hit;
  if (validations.size >= MAX_VALIDATIONS) validations.clear();
  const result = validatePolicyDocument(rules);
  validations.set(versionId, result);
  return result;
}

/** Reads the enabled policies with a current version, bypassing the cache. */
export async function readActivePolicies(db: TDb): Promise<TActivePolicies> {
  const rows = await db.policy.findMany({
    where: { isEnabled: true, currentVersionId: { not: null } },
    orderBy: [{ name: "asc" }],
    select: {
      id: true,
      name: true,
      scope: true,
      teamId: true,
      workflowId: true,
      agentId: true,
      apiKeyId: true,
      currentVersion: { select: { id: true, number: true, rules: true } },
    },
  });
  const policies: TResolvedPolicy[] = [];
  const invalid: TInvalidPolicy[] = [];
  for (const row of rows) {
    const version = row.currentVersion;
    if (!version) continue;
    const scope = scopeOfRow(row);
    const validation = validateVersion(version.id, version.rules);
    if (scope && validation.isValid) {
      policies.push({ id: row.id, name: row.name, version: version.number, scope, document: validation.document });
      continue;
    }
    const problems: TDocumentProblem[] = [];
    if (!scope) problems.push({ path: "(scope)", message: `the scope "${row.scope}" names no ${row.scope === "api_key" ? "API key" : row.scope}` });
    if (!validation.isValid) problems.push(...validation.problems);
    invalid.push({
      id: row.id,
      name: row.name,
      version: version.number,
      scope: scope ?? (row.teamId ? { kind: "team", teamId: row.teamId } : { kind: "org" }),
      problems,
      problemText: formatProblems(problems),
    });
  }
  return { policies, invalid, loadedAt: Date.now() };
}

/** The active policies, read at most once per ACTIVE_POLICIES_TTL_MS per process and database client. */
export function loadActivePolicies(db: TDb): Promise<TActivePolicies> {
  const hit = caches.get(db);
  if (hit && Date.now() - hit.at < ACTIVE_POLICIES_TTL_MS) return hit.value;
  const entry: TCacheEntry = { at: Date.now(), value: readActivePolicies(db) };
  caches.set(db, entry);
  // A failed read is not served from the cache.
  entry.value.catch(() => {
    if (caches.get(db) === entry) caches.delete(db);
  });
  return entry.value;
}

/** Forgets the cached policies (of one client, or of all): the next load reads the database. */
export function invalidateActivePolicies(db?: TDb): void {
  if (db) caches.delete(db);
  else caches = new WeakMap();
}

/**
 * What governs a context: the policies to evaluate (broadest scope first, as selectPolicies orders them), and the
 * unreadable ones that cover it (same order), on which the caller must fail closed.
 */
export function policiesFor(active: TActivePolicies, ctx: TScopeContext): { policies: TResolvedPolicy[]; invalid: TInvalidPolicy[] } {
  const invalid = active.invalid
    .filter((p) => scopeCovers(p.scope, ctx))
    .sort((a, b) => SCOPE_KINDS.indexOf(a.scope.kind) - SCOPE_KINDS.indexOf(b.scope.kind));
  return { policies: selectPolicies(active.policies, ctx), invalid };
}
