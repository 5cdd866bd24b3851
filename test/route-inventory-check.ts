// Compares the routes under app/api with app/_lib/route-inventory.ts and returns one message per disagreement,
// each telling a developer what to change. A textual check, one hop deep: a declared permission must appear as a
// string literal inside a permission-check call (CHECK_CALLS) in the route's handler, or in the server module the
// entry names in `checkedIn` — which the route file must import. It proves the declaration and the code name the
// same permission; it does not prove the check is reached on every path (the Vitest/e2e permission tests do that).
import type { TRouteAccess, TRouteInventory } from "@/app/_lib/route-inventory";
import { API_KEY_SCOPE_OF } from "@/server/auth/api-key-scopes.shared";
import type { TAction } from "@/server/auth/permissions";
import type { TApiRoute } from "./api-routes";

/** Calls that check a permission: the permission is one of their string arguments. */
export const CHECK_CALLS = ["requireApi", "assertCan", "can", "teamsWhere", "loadWorkflowFor", "loadPolicyFor", "assertPolicyAccess"] as const;

/**
 * Calls that check the session: requireApi, and requireAccountApi (app/_lib/auth.ts), which also accepts a session
 * whose one-time password must be changed first and is used by the password route only.
 */
const SESSION_CALLS = ["requireApi", "requireAccountApi"] as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Does `source` pass `permission` to one of CHECK_CALLS (within the same statement)? */
export function checksPermission(source: string, permission: string): boolean {
  const calls = CHECK_CALLS.join("|");
  return new RegExp(String.raw`\b(?:${calls})\([^;]*?"${escapeRegExp(permission)}"`).test(source);
}

function snippet(route: TApiRoute, method: string): string {
  const source = route.methods.find((m) => m.method === method)?.source ?? "";
  const usesSession = source.includes("requireApi(");
  const scope = apiKeyScopeOf(source);
  const access = usesSession
    ? `{ auth: "session", permission: "<a TAction from server/auth/permissions.ts, or \\"signed-in\\">"${scope ? `, apiKeyScope: "${scope}"` : ""} }`
    : `{ auth: "public" | "webhook-secret" | "api-key", note: "<who may call it, and why>" }`;
  return `  "${route.pattern}": { ${method}: ${access} },`;
}

/**
 * The API key scope a handler accepts: requireApi("<action>") lets a key in when a scope grants that action
 * (API_KEY_SCOPE_OF); requireApi() without an action refuses keys. Null when no key may call it.
 */
export function apiKeyScopeOf(handlerSource: string): string | null {
  const action = /\brequireApi\(\s*"([^"]+)"/.exec(handlerSource)?.[1];
  if (!action || !(action in API_KEY_SCOPE_OF)) return null;
  return API_KEY_SCOPE_OF[action as TAction];
}

function permissionsOf(access: Extract<TRouteAccess, { permission: unknown }>): readonly string[] {
  return typeof access.permission === "string" ? [access.permission] : access.permission;
}

function accessProblems(
  route: TApiRoute,
  method: string,
  handlerSource: string,
  access: TRouteAccess,
  readModule: (path: string) => string | null,
): string[] {
  const where = `${method} ${route.pattern} (${route.file})`;
  const problems: string[] = [];
  const callsRequireApi = SESSION_CALLS.some((call) => handlerSource.includes(`${call}(`));
  if (access.auth !== "session") {
    if (callsRequireApi) {
      problems.push(`${where} calls requireApi( but the inventory declares auth "${access.auth}": declare auth "session" with its permission.`);
    }
    if (access.auth !== "api-key") return problems;
  } else if (!callsRequireApi) {
    problems.push(`${where} is declared auth "session" but its handler never calls requireApi(: check the session, or declare what authenticates it.`);
  }
  if (access.auth === "session") {
    const accepted = apiKeyScopeOf(handlerSource);
    const declared = access.apiKeyScope ?? null;
    if (accepted !== declared) {
      problems.push(
        accepted === null
          ? `${where} declares apiKeyScope "${declared}", but its handler refuses API keys (requireApi() without an action, or an action no scope grants): remove apiKeyScope.`
          : `${where} accepts API keys with the scope "${accepted}" (its requireApi action, see API_KEY_SCOPE_OF in server/auth/api-key-scopes.shared.ts): declare apiKeyScope: "${accepted}".`,
      );
    }
  }
  if (access.permission === "signed-in") {
    if (!SESSION_CALLS.some((call) => handlerSource.includes(`${call}()`))) {
      problems.push(`${where} is declared "signed-in" (any session) but does not call requireApi() without a permission: declare the permission it checks.`);
    }
    return problems;
  }
  let moduleSource: string | null = null;
  if (access.checkedIn) {
    const specifier = `@/${access.checkedIn.replace(/\.tsx?$/, "")}`;
    moduleSource = readModule(access.checkedIn);
    if (moduleSource === null) {
      problems.push(`${where}: checkedIn "${access.checkedIn}" does not exist: name the server module that checks the permission.`);
    } else if (!route.source.includes(`from "${specifier}"`)) {
      problems.push(`${where}: checkedIn "${access.checkedIn}" is not imported by the route (expected from "${specifier}").`);
      moduleSource = null;
    }
  }
  for (const permission of permissionsOf(access)) {
    if (checksPermission(handlerSource, permission)) continue;
    if (moduleSource !== null && checksPermission(moduleSource, permission)) continue;
    const place = access.checkedIn ? `its handler nor in ${access.checkedIn}` : "its handler (nor in a checkedIn module)";
    problems.push(
      `${where} declares permission "${permission}", but no ${CHECK_CALLS.join("/")}(…"${permission}"…) call was found in ${place}. ` +
        `Check that permission, fix the declaration, or set checkedIn to the server module that checks it ` +
        `(a new helper that checks permissions belongs in CHECK_CALLS in test/route-inventory-check.ts).`,
    );
  }
  return problems;
}

/** Every disagreement between the route files and the inventory; empty when they agree. */
export function inventoryProblems(
  routes: TApiRoute[],
  inventory: TRouteInventory,
  readModule: (path: string) => string | null,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    if (route.methods.length === 0) problems.push(`${route.file} exports no HTTP method (GET, POST, …): remove it or export one.`);
    for (const { method, source } of route.methods) {
      seen.add(`${route.pattern} ${method}`);
      const access = inventory[route.pattern]?.[method];
      if (!access) {
        problems.push(
          `${route.file} exports ${method} but app/_lib/route-inventory.ts does not declare it. Add to ROUTE_INVENTORY:\n${snippet(route, method)}`,
        );
        continue;
      }
      problems.push(...accessProblems(route, method, source, access, readModule));
    }
  }
  for (const [pattern, methods] of Object.entries(inventory)) {
    for (const method of Object.keys(methods)) {
      if (!seen.has(`${pattern} ${method}`)) {
        const file = `app${pattern}/route.ts`;
        problems.push(`ROUTE_INVENTORY declares ${method} ${pattern}, but ${file} does not export ${method} (or does not exist): remove the entry.`);
      }
    }
  }
  return problems;
}
