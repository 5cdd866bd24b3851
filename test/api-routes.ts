// Reads the API's route handlers from the file system (app/api/**/route.ts): their URL patterns, dynamic segments
// and exported HTTP methods. Shared by the route inventory test (Vitest) and the API fuzz test (Playwright), so
// neither lists routes by hand. Static text reading only: nothing here imports a route module.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type TRouteMethod = (typeof ROUTE_METHODS)[number];

export type TRouteSegment =
  | { kind: "static"; value: string }
  | { kind: "dynamic"; name: string }
  | { kind: "catch-all"; name: string };

export type TRouteMethodSource = {
  method: TRouteMethod;
  /** The exported handler's own text (`export const POST = …` up to the next export), or the whole file when the
   * method is re-exported from a local function (`export { notFound as GET }`). */
  source: string;
};

export type TApiRoute = {
  /** Path of the route file from the repository root, e.g. app/api/runs/[runId]/route.ts. */
  file: string;
  /** The URL pattern as the folders spell it, e.g. /api/runs/[runId]. */
  pattern: string;
  segments: TRouteSegment[];
  source: string;
  methods: TRouteMethodSource[];
};

function isMethod(name: string): name is TRouteMethod {
  return (ROUTE_METHODS as readonly string[]).includes(name);
}

function routeFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...routeFiles(full));
    else if (entry.name === "route.ts" || entry.name === "route.tsx" || entry.name === "route.js") found.push(full);
  }
  return found;
}

function segmentOf(folder: string): TRouteSegment {
  const catchAll = /^\[\[?\.\.\.(\w+)\]\]?$/.exec(folder);
  if (catchAll?.[1]) return { kind: "catch-all", name: catchAll[1] };
  const dynamic = /^\[(\w+)\]$/.exec(folder);
  if (dynamic?.[1]) return { kind: "dynamic", name: dynamic[1] };
  return { kind: "static", value: folder };
}

/** The HTTP methods a route file exports, each with the text of its handler. */
export function exportedMethods(source: string): TRouteMethodSource[] {
  const starts: { method: TRouteMethod; index: number }[] = [];
  const declared = /^export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/gm;
  for (const match of source.matchAll(declared)) {
    const name = match[1] ?? "";
    if (isMethod(name)) starts.push({ method: name, index: match.index });
  }
  const methods: TRouteMethodSource[] = starts.map(({ method, index }) => {
    const next = source.slice(index + 1).search(/^export\s/m);
    return { method, source: next === -1 ? source.slice(index) : source.slice(index, index + 1 + next) };
  });
  for (const list of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const item of (list[1] ?? "").split(",")) {
      const exported = item.trim().split(/\s+as\s+/).pop()?.trim() ?? "";
      if (isMethod(exported)) methods.push({ method: exported, source });
    }
  }
  return methods.sort((a, b) => ROUTE_METHODS.indexOf(a.method) - ROUTE_METHODS.indexOf(b.method));
}

/** Every route handler under app/api, sorted by URL pattern. */
export function listApiRoutes(root: string = process.cwd()): TApiRoute[] {
  const apiDir = path.join(root, "app", "api");
  return routeFiles(apiDir)
    .map((full) => {
      const folders = path.relative(apiDir, path.dirname(full)).split(path.sep).filter(Boolean);
      // Route groups "(name)" and private folders do not appear in URLs.
      const urlFolders = folders.filter((f) => !/^\(.*\)$/.test(f));
      const source = readFileSync(full, "utf8");
      return {
        file: path.relative(root, full).split(path.sep).join("/"),
        pattern: ["/api", ...urlFolders].join("/"),
        segments: urlFolders.map(segmentOf),
        source,
        methods: exportedMethods(source),
      };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}
