// Who may call each API route, declared in one place. Next.js route files may export only HTTP methods and segment
// config, so the declarations live here. test/route-inventory.test.ts keeps this table and app/api in step: it fails
// when a route or method is missing here or listed but gone, and, for session routes, when the declared permission
// does not appear in a permission check of the route (or of the server module named in `checkedIn`, which the route
// must import). The API fuzz test (e2e/api-fuzz.spec.ts) reads `answers` to know which routes are not ours.
import type { TApiKeyScope } from "@/server/auth/api-key-scopes.shared";
import type { TAction } from "@/server/auth/permissions";

export type TRouteAuth = "session" | "api-key" | "webhook-secret" | "public";

export type TRouteAccess =
  | {
      auth: "session";
      /** A permission (TAction) checked for the caller, several when the body decides which, or "signed-in" for any session. */
      permission: TAction | readonly TAction[] | "signed-in";
      /** The server module (path from the repository root) whose code checks the permission, when the route delegates. */
      checkedIn?: string;
      /**
       * The scope that lets an API key (`Authorization: Bearer`) call it: the scope granting the action the handler
       * passes to requireApi (API_KEY_SCOPE_OF). Absent: people signed in only (requireApi() without an action, or an
       * action no scope grants). The inventory test derives it from the handler and requires it declared here.
       */
      apiKeyScope?: TApiKeyScope;
      note?: string;
    }
  | { auth: "api-key"; permission: TAction; checkedIn?: string; note: string }
  | { auth: "webhook-secret"; note: string }
  | {
      auth: "public";
      /** Why anyone may call it. */
      note: string;
      /** "next-auth": the answers are next-auth's own (redirects to /signin or /api/auth/error, its JSON), not `{ error }`. */
      answers?: "next-auth";
    };

export type TRouteInventory = Record<string, Partial<Record<"GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS", TRouteAccess>>>;

const NOT_FOUND: TRouteAccess = {
  auth: "public",
  note: "The JSON 404 for any /api path without a handler; reads no body and touches no data.",
};

const NEXT_AUTH: TRouteAccess = {
  auth: "public",
  answers: "next-auth",
  note:
    "next-auth's own endpoints (csrf, providers, session, sign-in, sign-out, callbacks): sign-in must be reachable " +
    "without a session. POSTs need next-auth's CSRF token (double-submit cookie); failures are redirects to " +
    "/signin?error=… or /api/auth/error on this origin, not `{ error }` JSON.",
};

const WORKFLOWS = "server/workflows";
const TEAMS = "server/teams/manage-teams.ts";
const MEMBERS = "server/teams/team-members.ts";
const USERS = "server/users/manage-users.ts";
const POLICIES = "server/policies";
/** A policy write needs policy:write in the policy's team; an organisation policy needs policy:write-org instead. */
const POLICY_WRITE_NOTE = "An organisation policy needs policy:write-org instead (server/policies/policy-access.ts). Audited.";

/** Keys are URL patterns as the folders under app/api spell them. */
export const ROUTE_INVENTORY: TRouteInventory = {
  "/api/[...path]": { GET: NOT_FOUND, POST: NOT_FOUND, PUT: NOT_FOUND, PATCH: NOT_FOUND, DELETE: NOT_FOUND },
  "/api/api-keys": {
    GET: {
      auth: "session",
      permission: "apikey:manage",
      checkedIn: "server/api-keys/list-api-keys.ts",
      note: "Lists the keys of the teams whose keys the caller manages; never a secret or hash. People only: no key manages keys.",
    },
    POST: {
      auth: "session",
      permission: "apikey:manage",
      checkedIn: "server/api-keys/manage-api-keys.ts",
      note: "The admin scope also needs team:administer in the key's team (server/api-keys/api-key-access.ts). Returns the secret once. Audited.",
    },
  },
  "/api/api-keys/[apiKeyId]": {
    DELETE: {
      auth: "session",
      permission: "apikey:manage",
      checkedIn: "server/api-keys/manage-api-keys.ts",
      note: "Revokes (the row stays); a key with the admin scope needs team:administer. Audited.",
    },
  },
  "/api/approvals/[approvalId]/decision": {
    POST: {
      auth: "session",
      permission: "approval:decide",
      checkedIn: "server/approvals/decide-approval.ts",
      note: "People only: deciding an approval is a person's act, so no API key scope grants it.",
    },
  },
  "/api/audit/verify": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "audit:verify" },
    POST: { auth: "session", apiKeyScope: "admin", permission: "audit:verify" },
  },
  "/api/auth/[...nextauth]": { GET: NEXT_AUTH, POST: NEXT_AUTH },
  "/api/budget-alerts": {
    GET: {
      auth: "session",
      permission: "signed-in",
      note: "Only the alerts of budgets the caller may see (server/budgets/visible-budgets.ts), less those they dismissed.",
    },
  },
  "/api/budget-alerts/[alertId]/dismiss": {
    POST: {
      auth: "session",
      permission: "signed-in",
      note: "The caller's own view: 404 for an alert of a budget they cannot see. Not audited: nothing about the alert or the budget changes.",
    },
  },
  "/api/budgets": {
    GET: {
      auth: "session",
      permission: "signed-in",
      note: "Lists only the budgets the caller may see (policy:read in their team, or budget:manage): server/budgets/visible-budgets.ts.",
    },
    POST: { auth: "session", permission: "budget:manage", checkedIn: "server/budgets/manage-budgets.ts" },
  },
  "/api/budgets/[budgetId]": {
    PUT: { auth: "session", permission: "budget:manage", checkedIn: "server/budgets/manage-budgets.ts" },
    DELETE: { auth: "session", permission: "budget:manage", checkedIn: "server/budgets/manage-budgets.ts" },
  },
  "/api/engine/breakers/reset": { POST: { auth: "session", apiKeyScope: "admin", permission: "settings:write" } },
  "/api/engine/breakers/settings": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read" },
    PUT: { auth: "session", apiKeyScope: "admin", permission: "settings:write" },
  },
  "/api/engine/resume": { POST: { auth: "session", apiKeyScope: "admin", permission: "system:emergency-stop" } },
  "/api/engine/status": { GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read" } },
  "/api/engine/stop": { POST: { auth: "session", apiKeyScope: "admin", permission: "system:emergency-stop" } },
  "/api/events/[name]": {
    POST: { auth: "session", apiKeyScope: "runs:write", permission: "workflow:run", note: "Starts only workflows of teams where the caller may run them." },
  },
  "/api/healthz": {
    GET: {
      auth: "public",
      note: "Liveness for load balancers and `npm start`: database and Redis status and a worker count, no data.",
    },
  },
  "/api/hooks/[workflowId]": {
    POST: {
      auth: "webhook-secret",
      note: "Authenticated by the workflow's webhook secret (header) or HMAC signature, checked in server/engine/webhook.ts.",
    },
  },
  "/api/me": {
    GET: { auth: "session", permission: "signed-in", note: "The caller's own profile and memberships." },
    PATCH: { auth: "session", permission: "signed-in", note: "Edits only the caller's own profile." },
  },
  "/api/me/password": {
    POST: {
      auth: "session",
      permission: "signed-in",
      note: "Changes only the caller's own password (the current one is asked unless it is a one-time one). Also open to a session that must choose its password first (requireAccountApi). Audited.",
    },
  },
  "/api/models": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read", note: "Every model with its prices and price history." },
    POST: { auth: "session", apiKeyScope: "admin", permission: "settings:write", checkedIn: "server/models/manage-models.ts", note: "Audited." },
  },
  "/api/models/[modelId]": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read" },
    PATCH: {
      auth: "session",
      apiKeyScope: "admin",
      permission: "settings:write",
      checkedIn: "server/models/manage-models.ts",
      note: "A price change adds a price-history row valid from the save; past steps keep their cost. Audited.",
    },
    DELETE: {
      auth: "session",
      apiKeyScope: "admin",
      permission: "settings:write",
      checkedIn: "server/models/manage-models.ts",
      note: "Refused (409, details.usedBy) while workflows, routes or budgets use the model. Audited.",
    },
  },
  "/api/policies": {
    GET: { auth: "session", permission: "policy:read", checkedIn: `${POLICIES}/list-policies.ts`, note: "Lists only the policies the caller may read." },
    POST: { auth: "session", permission: "policy:write", checkedIn: `${POLICIES}/create-policy.ts`, note: POLICY_WRITE_NOTE },
  },
  "/api/policies/[policyId]": {
    GET: { auth: "session", permission: "policy:read", checkedIn: `${POLICIES}/get-policy.ts` },
    PATCH: { auth: "session", permission: "policy:write", checkedIn: `${POLICIES}/edit-policy.ts`, note: POLICY_WRITE_NOTE },
    DELETE: { auth: "session", permission: "policy:write", checkedIn: `${POLICIES}/edit-policy.ts`, note: POLICY_WRITE_NOTE },
  },
  "/api/policies/[policyId]/diff": {
    GET: { auth: "session", permission: "policy:read", checkedIn: `${POLICIES}/policy-versions.ts` },
  },
  "/api/policies/[policyId]/draft": {
    PUT: { auth: "session", permission: "policy:write", checkedIn: `${POLICIES}/policy-draft.ts`, note: POLICY_WRITE_NOTE },
    DELETE: { auth: "session", permission: "policy:write", checkedIn: `${POLICIES}/policy-draft.ts`, note: POLICY_WRITE_NOTE },
  },
  "/api/policies/[policyId]/publish": {
    POST: { auth: "session", permission: "policy:write", checkedIn: `${POLICIES}/publish-policy.ts`, note: POLICY_WRITE_NOTE },
  },
  "/api/policies/[policyId]/simulate": {
    POST: {
      auth: "session",
      permission: "policy:write",
      checkedIn: `${POLICIES}/simulate-policy.ts`,
      note: "Writes nothing; needs write access because it reads the scope's runs. An organisation policy needs policy:write-org.",
    },
  },
  "/api/policies/[policyId]/versions": {
    GET: { auth: "session", permission: "policy:read", checkedIn: `${POLICIES}/policy-versions.ts` },
  },
  "/api/policies/[policyId]/versions/[number]": {
    GET: { auth: "session", permission: "policy:read", checkedIn: `${POLICIES}/policy-versions.ts` },
  },
  "/api/policies/[policyId]/versions/[number]/rollback": {
    POST: { auth: "session", permission: "policy:write", checkedIn: `${POLICIES}/publish-policy.ts`, note: POLICY_WRITE_NOTE },
  },
  "/api/providers": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read", note: "Credentials are never returned, only masked (••••1234)." },
    POST: { auth: "session", apiKeyScope: "admin", permission: "settings:write", note: "Audited; credentials encrypted, the audit keeps their mask." },
  },
  "/api/providers/[providerId]": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read", note: "Credentials are never returned, only masked (••••1234)." },
    PATCH: { auth: "session", apiKeyScope: "admin", permission: "settings:write", note: "Audited with before and after, credentials masked." },
    DELETE: { auth: "session", apiKeyScope: "admin", permission: "settings:write", note: "Refused (409) while models, routes or workflow nodes use the provider. Audited." },
  },
  "/api/providers/[providerId]/test": {
    POST: { auth: "session", apiKeyScope: "admin", permission: "settings:write", note: "Sends one minimal request to the provider through the outbound guard; stores nothing." },
  },
  "/api/runs/[runId]": { GET: { auth: "session", apiKeyScope: "workflows:read", permission: "run:read", checkedIn: "server/runs/get-run.ts" } },
  "/api/runs/[runId]/cancel": {
    POST: { auth: "session", apiKeyScope: "runs:write", permission: "run:cancel", note: "A run the caller cannot read is not found (run:read first)." },
  },
  "/api/runs/[runId]/events": {
    GET: { auth: "session", apiKeyScope: "workflows:read", permission: "run:read", checkedIn: "server/runs/get-run.ts" },
  },
  "/api/runs/[runId]/reveal": {
    POST: {
      auth: "session",
      permission: "run:read",
      checkedIn: "server/runs/reveal-run.ts",
      note: "And a role in the run's team that every policy masking the run at rest names in pii.revealRoles (organisation admins count as admin); 403 otherwise. Audited (pii.reveal).",
    },
  },
  "/api/runs/[runId]/rerun": {
    POST: { auth: "session", apiKeyScope: "runs:write", permission: "workflow:run", checkedIn: "server/engine/rerun-from-node.ts" },
  },
  "/api/settings/alert-webhook": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read" },
    PUT: { auth: "session", apiKeyScope: "admin", permission: "settings:write" },
    DELETE: { auth: "session", apiKeyScope: "admin", permission: "settings:write" },
  },
  "/api/settings/alert-webhook/test": {
    POST: { auth: "session", apiKeyScope: "admin", permission: "settings:write", note: "Sends a signed test payload through the outbound guard. Audited." },
  },
  "/api/settings/network": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read" },
    PUT: { auth: "session", apiKeyScope: "admin", permission: "settings:write" },
  },
  "/api/settings/organisation": {
    GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read" },
    PUT: { auth: "session", apiKeyScope: "admin", permission: "settings:write", note: "The time zone budget periods follow. Audited." },
  },
  "/api/system/workers": { GET: { auth: "session", apiKeyScope: "admin", permission: "settings:read" } },
  "/api/teams": {
    GET: {
      auth: "session",
      permission: "team:administer",
      checkedIn: "server/settings/list-teams.ts",
      note: "Lists only the teams the caller administers (every team for organisation admins).",
    },
    POST: { auth: "session", permission: "team:manage", checkedIn: TEAMS, note: "Audited." },
  },
  "/api/teams/[teamId]": {
    GET: { auth: "session", permission: "team:administer", checkedIn: TEAMS, note: "A team that is not the caller's is not found." },
    PATCH: {
      auth: "session",
      permission: ["team:administer", "team:manage"],
      checkedIn: TEAMS,
      note: "name and description need team:administer in the team; isArchived needs team:manage. Audited.",
    },
  },
  "/api/teams/[teamId]/members": {
    POST: { auth: "session", permission: "team:administer", checkedIn: MEMBERS, note: "Audited." },
  },
  "/api/teams/[teamId]/members/[userId]": {
    PATCH: { auth: "session", permission: "team:administer", checkedIn: MEMBERS, note: "Audited." },
    DELETE: { auth: "session", permission: "team:administer", checkedIn: MEMBERS, note: "Audited." },
  },
  "/api/users": {
    GET: {
      auth: "session",
      permission: "team:administer",
      checkedIn: "server/settings/list-users.ts",
      note: "Organisation admins see everyone; a team admin the members of their teams.",
    },
    POST: { auth: "session", permission: "user:manage", checkedIn: USERS, note: "Answers the one-time secret once; audited without it." },
  },
  "/api/users/[userId]": {
    PATCH: { auth: "session", permission: "user:manage", checkedIn: USERS, note: "Answers a new one-time secret once; audited without it." },
  },
  "/api/workflow-templates": { GET: { auth: "session", apiKeyScope: "workflows:read", permission: "workflow:read" } },
  "/api/workflows": { POST: { auth: "session", permission: "workflow:write" } },
  "/api/workflows/[workflowId]/cost-estimate": {
    POST: { auth: "session", apiKeyScope: "workflows:read", permission: "workflow:read", checkedIn: `${WORKFLOWS}/estimate-cost.ts` },
  },
  "/api/workflows/[workflowId]/diff": {
    GET: { auth: "session", apiKeyScope: "workflows:read", permission: "workflow:read", checkedIn: `${WORKFLOWS}/diff-workflow.ts` },
  },
  "/api/workflows/[workflowId]/draft": {
    PUT: { auth: "session", permission: "workflow:write", checkedIn: `${WORKFLOWS}/save-draft.ts` },
  },
  "/api/workflows/[workflowId]/duplicate": {
    POST: {
      auth: "session",
      permission: ["workflow:read", "workflow:write"],
      checkedIn: `${WORKFLOWS}/duplicate-workflow.ts`,
      note: "Reads the source workflow; writes in the target team.",
    },
  },
  "/api/workflows/[workflowId]/editor": {
    GET: { auth: "session", apiKeyScope: "workflows:read", permission: "workflow:read", checkedIn: `${WORKFLOWS}/load-editor.ts` },
  },
  "/api/workflows/[workflowId]/export": {
    GET: { auth: "session", apiKeyScope: "workflows:read", permission: "workflow:read", checkedIn: `${WORKFLOWS}/export-workflow.ts` },
  },
  "/api/workflows/[workflowId]/classification": {
    PUT: {
      auth: "session",
      permission: ["workflow:write", "team:administer"],
      checkedIn: `${WORKFLOWS}/set-data-classification.ts`,
      note: "raising needs workflow:write; lowering team:administer.",
    },
  },
  "/api/workflows/[workflowId]/publish": {
    POST: { auth: "session", permission: "workflow:publish", checkedIn: `${WORKFLOWS}/publish-workflow.ts` },
  },
  "/api/workflows/[workflowId]/runs": {
    POST: { auth: "session", apiKeyScope: "runs:write", permission: "workflow:run", checkedIn: "server/runs/start-manual-run.ts" },
  },
  "/api/workflows/[workflowId]/status": {
    POST: {
      auth: "session",
      permission: ["workflow:run", "workflow:write"],
      checkedIn: `${WORKFLOWS}/set-workflow-status.ts`,
      note: "pause and resume need workflow:run; archive and restore workflow:write.",
    },
  },
  "/api/workflows/[workflowId]/test-runs": {
    POST: { auth: "session", permission: "workflow:run", checkedIn: `${WORKFLOWS}/start-test-run.ts` },
  },
  "/api/workflows/[workflowId]/versions": {
    GET: { auth: "session", apiKeyScope: "workflows:read", permission: "workflow:read", checkedIn: `${WORKFLOWS}/list-versions.ts` },
  },
  "/api/workflows/[workflowId]/versions/[number]": {
    GET: { auth: "session", apiKeyScope: "workflows:read", permission: "workflow:read", checkedIn: `${WORKFLOWS}/list-versions.ts` },
  },
  "/api/workflows/[workflowId]/versions/[number]/restore": {
    POST: { auth: "session", permission: "workflow:write", checkedIn: `${WORKFLOWS}/restore-version.ts` },
  },
  "/api/workflows/[workflowId]/webhook": {
    GET: {
      auth: "session", apiKeyScope: "workflows:read",
      permission: "workflow:read",
      checkedIn: `${WORKFLOWS}/webhook-secret.ts`,
      note: "The webhook's address and rotation state, never the secret.",
    },
  },
  "/api/workflows/[workflowId]/webhook/secret/reveal": {
    POST: { auth: "session", permission: "workflow:write", checkedIn: `${WORKFLOWS}/webhook-secret.ts`, note: "Audited." },
  },
  "/api/workflows/[workflowId]/webhook/secret/rotate": {
    POST: { auth: "session", permission: "workflow:write", checkedIn: `${WORKFLOWS}/webhook-secret.ts`, note: "Audited." },
  },
  "/api/workflows/import": { POST: { auth: "session", permission: "workflow:write" } },
};
