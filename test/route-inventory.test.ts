import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_INVENTORY, type TRouteInventory } from "@/app/_lib/route-inventory";
import { exportedMethods, listApiRoutes, type TApiRoute } from "./api-routes";
import { apiKeyScopeOf, checksPermission, inventoryProblems } from "./route-inventory-check";

const root = path.resolve(import.meta.dirname, "..");
const readModule = (file: string) => {
  const full = path.join(root, file);
  return existsSync(full) ? readFileSync(full, "utf8") : null;
};

function fakeRoute(pattern: string, source: string): TApiRoute {
  return { file: `app${pattern}/route.ts`, pattern, segments: [], source, methods: exportedMethods(source) };
}

describe("route inventory", () => {
  it("declares every route and method under app/api, and each session route checks the declared permission", () => {
    const routes = listApiRoutes(root);
    expect(routes.length).toBeGreaterThan(20);
    const problems = inventoryProblems(routes, ROUTE_INVENTORY, readModule);
    expect(problems, `\n${problems.join("\n\n")}\n`).toEqual([]);
  });

  it("reads exported methods in every form a route file uses", () => {
    const source = [
      `export const dynamic = "force-dynamic";`,
      `export const GET = handler(async () => null);`,
      `export async function POST(req) { return req; }`,
      `function notFound() {}`,
      `export { notFound as PUT, notFound as DELETE };`,
    ].join("\n");
    expect(exportedMethods(source).map((m) => m.method)).toEqual(["GET", "POST", "PUT", "DELETE"]);
    expect(exportedMethods(source).find((m) => m.method === "GET")?.source).toBe(`export const GET = handler(async () => null);\n`);
  });

  it("finds a permission only inside a check call", () => {
    expect(checksPermission(`await requireApi("settings:read");`, "settings:read")).toBe(true);
    expect(checksPermission(`loadWorkflowFor(db, p, id, isPause ? "workflow:run" : "workflow:write");`, "workflow:write")).toBe(true);
    expect(checksPermission(`const label = "settings:read"; await requireApi();`, "settings:read")).toBe(false);
  });

  describe("tells a developer what to fix", () => {
    const GET_SETTINGS = `export const GET = handler(async () => { await requireApi("settings:read"); });\n`;

    it("a route the inventory does not declare", () => {
      const problems = inventoryProblems([fakeRoute("/api/new-thing", GET_SETTINGS)], {}, readModule);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain("app/api/new-thing/route.ts exports GET but app/_lib/route-inventory.ts does not declare it");
      expect(problems[0]).toContain(`"/api/new-thing": { GET: { auth: "session", permission:`);
    });

    it("a declared route that is gone", () => {
      const inventory: TRouteInventory = { "/api/gone": { DELETE: { auth: "public", note: "x" } } };
      expect(inventoryProblems([], inventory, readModule)).toEqual([
        "ROUTE_INVENTORY declares DELETE /api/gone, but app/api/gone/route.ts does not export DELETE (or does not exist): remove the entry.",
      ]);
    });

    it("a declared permission the code does not check", () => {
      const inventory: TRouteInventory = { "/api/x": { GET: { auth: "session", permission: "settings:write", apiKeyScope: "admin" } } };
      const [problem] = inventoryProblems([fakeRoute("/api/x", GET_SETTINGS)], inventory, readModule);
      expect(problem).toContain(`GET /api/x (app/api/x/route.ts) declares permission "settings:write", but no`);
    });

    it("a session route without requireApi, and a public route that requires a session", () => {
      const inventory: TRouteInventory = {
        "/api/a": { GET: { auth: "session", permission: "signed-in" } },
        "/api/b": { GET: { auth: "public", note: "x" } },
      };
      const routes = [fakeRoute("/api/a", `export const GET = handler(async () => null);\n`), fakeRoute("/api/b", GET_SETTINGS)];
      const problems = inventoryProblems(routes, inventory, readModule);
      expect(problems.some((p) => p.startsWith(`GET /api/a (app/api/a/route.ts) is declared auth "session" but its handler never calls requireApi(`))).toBe(true);
      expect(problems.some((p) => p.startsWith(`GET /api/b (app/api/b/route.ts) calls requireApi( but the inventory declares auth "public"`))).toBe(true);
    });

    it("a route whose API key scope is not the one its requireApi action implies", () => {
      const undeclared: TRouteInventory = { "/api/x": { GET: { auth: "session", permission: "settings:read" } } };
      expect(inventoryProblems([fakeRoute("/api/x", GET_SETTINGS)], undeclared, readModule)).toEqual([
        `GET /api/x (app/api/x/route.ts) accepts API keys with the scope "admin" (its requireApi action, see API_KEY_SCOPE_OF in server/auth/api-key-scopes.shared.ts): declare apiKeyScope: "admin".`,
      ]);
      // requireApi() without an action refuses keys, and so does an action no scope grants (a person's act).
      const peopleOnly = [
        fakeRoute("/api/y", `export const POST = handler(async () => { await requireApi(); });\n`),
        fakeRoute("/api/z", `export const POST = handler(async () => { await requireApi("approval:decide"); });\n`),
      ];
      const declared: TRouteInventory = {
        "/api/y": { POST: { auth: "session", permission: "signed-in", apiKeyScope: "runs:write" } },
        "/api/z": { POST: { auth: "session", permission: "approval:decide", apiKeyScope: "runs:write" } },
      };
      const problems = inventoryProblems(peopleOnly, declared, readModule);
      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain(`POST /api/y (app/api/y/route.ts) declares apiKeyScope "runs:write", but its handler refuses API keys`);
      expect(apiKeyScopeOf(`await requireApi("run:read");`)).toBe("workflows:read");
      expect(apiKeyScopeOf(`await requireApi();`)).toBeNull();
    });

    it("a checkedIn module the route does not import, or that does not check the permission", () => {
      const route = fakeRoute("/api/w", `export const GET = handler(async () => { await requireApi(); });\n`);
      const notImported: TRouteInventory = {
        "/api/w": { GET: { auth: "session", permission: "workflow:read", checkedIn: "server/workflows/load-editor.ts" } },
      };
      expect(inventoryProblems([route], notImported, readModule).join("\n")).toContain(
        `checkedIn "server/workflows/load-editor.ts" is not imported by the route (expected from "@/server/workflows/load-editor")`,
      );
      const imported = { ...route, source: `import { loadEditor } from "@/server/workflows/load-editor";\n${route.source}` };
      expect(inventoryProblems([imported], notImported, readModule)).toEqual([]);
      const wrong: TRouteInventory = {
        "/api/w": { GET: { auth: "session", permission: "run:cancel", checkedIn: "server/workflows/load-editor.ts" } },
      };
      expect(inventoryProblems([imported], wrong, readModule).join("\n")).toContain(`declares permission "run:cancel"`);
    });
  });
});
