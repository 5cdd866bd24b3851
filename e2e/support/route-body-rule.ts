import path from "node:path";
import type { TApiRoute, TRouteMethodSource } from "../../test/api-routes";

// What a route's handler accepts as a body, read from its source: the zod schema it passes to readJson (imported
// from the server module the route imports it from), "any" when it reads the body some other way or with an inline
// schema, or "none". The fuzz test uses the real schema to make sure a generated body is really malformed.

type TSchema = { safeParse(value: unknown): { success: boolean } };

export type TBodyRule =
  | { kind: "none" }
  | { kind: "schema"; name: string; schema: TSchema }
  | { kind: "any"; why: string };

function isSchema(value: unknown): value is TSchema {
  return typeof value === "object" && value !== null && typeof (value as { safeParse?: unknown }).safeParse === "function";
}

export async function bodyRuleOf(route: TApiRoute, handler: TRouteMethodSource, root: string): Promise<TBodyRule> {
  if (handler.method === "GET" || handler.method === "HEAD") return { kind: "none" };
  const readJson = /readJson\(\s*\w+\s*,\s*([^)]*)\)/.exec(handler.source);
  if (readJson) {
    const argument = (readJson[1] ?? "").trim();
    if (!/^[A-Za-z_$][\w$]*$/.test(argument)) return { kind: "any", why: `inline schema ${argument}` };
    const from = new RegExp(String.raw`import\s*\{[^}]*\b${argument}\b[^}]*\}\s*from\s*"@/([^"]+)"`).exec(route.source);
    if (!from?.[1]) return { kind: "any", why: `${argument} is not imported from an @/ module` };
    const mod = (await import(path.join(root, `${from[1]}.ts`))) as Record<string, unknown>;
    const schema = mod[argument];
    return isSchema(schema) ? { kind: "schema", name: argument, schema } : { kind: "any", why: `${argument} is not a zod schema` };
  }
  // The handler reads the request itself (e.g. a webhook's raw body for its signature).
  if (/\(\s*req\b/.test(handler.source)) return { kind: "any", why: "reads the request itself" };
  return { kind: "none" };
}
