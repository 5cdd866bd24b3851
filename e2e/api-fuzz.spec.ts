import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { ROUTE_INVENTORY, type TRouteAccess } from "@/app/_lib/route-inventory";
import { listApiRoutes, type TApiRoute, type TRouteMethodSource } from "../test/api-routes";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { describeChanges, snapshotDb, waitForQuietDb } from "./support/db-snapshot";
import { malformedBody, malformedQuery, WRONG_SEGMENTS, type TFuzzBody } from "./support/fuzz-inputs";
import { bodyRuleOf, type TBodyRule } from "./support/route-body-rule";
import { USERS } from "./support/users";

// Sends generated malformed requests to every route under app/api (read from the file system) and proves each
// answer is a 4xx with a JSON `{ error: { code, message } }` — never a 5xx, never a 2xx for a malformed body — and
// that no stored row changed. Runs alone (its own Playwright project, after the others) because it compares the
// whole database before and after. Deterministic: FUZZ_SEED (printed on failure) fixes every generated input.

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_209);
const ROOT = process.cwd();
const BODIES_PER_METHOD = 14;
const QUERIES_PER_GET = 8;
const WRONG_IDS_PER_METHOD = 5;
const ANONYMOUS_PER_METHOD = 3;
const REQUEST_TIMEOUT_MS = 15_000;
const MAX_JSON_BYTES = 1_000_000;

type TCase = {
  who: "org admin" | "no session";
  route: TApiRoute;
  method: string;
  access: TRouteAccess;
  path: string;
  body?: TFuzzBody;
  /** A malformed request must be refused; a GET with odd query parameters may also answer 2xx (it changes nothing). */
  mayPass: boolean;
};
type TFailure = { request: string; status: number; answer: string; problem: string };

/** A stable number per route and method, so adding a route does not reshuffle the others' inputs. */
function seedFor(key: string): number {
  let hash = SEED;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function hasPoison(root: unknown): boolean {
  const stack: unknown[] = [root];
  const bad = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === "string" && bad.test(value)) return true;
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (bad.test(k)) return true;
        stack.push(v);
      }
    }
  }
  return false;
}

/** Would the route accept this body? Mirrors readJson: JSON content type, at most 1 MB, parses, storable, schema. */
function isAccepted(body: TFuzzBody, rule: TBodyRule, access: TRouteAccess): boolean {
  if (access.auth === "webhook-secret" || access.auth === "public") return false; // sent without secret or CSRF token
  if (!body.contentType?.includes("application/json") || body.bytes.length > MAX_JSON_BYTES) return false;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body.bytes));
  } catch {
    return false;
  }
  if (hasPoison(value)) return false;
  return rule.kind === "schema" ? rule.schema.safeParse(value).success : true;
}

/** A generated body the route would accept is made malformed: wrapped in an array, else followed by garbage. */
function makeMalformed(body: TFuzzBody, rule: TBodyRule, access: TRouteAccess): TFuzzBody {
  if (!isAccepted(body, rule, access)) return body;
  const wrapped = { ...body, label: `${body.label}, wrapped in an array`, bytes: Buffer.concat([Buffer.from("["), body.bytes, Buffer.from("]")]) };
  if (!isAccepted(wrapped, rule, access)) return wrapped;
  return { ...body, label: `${body.label}, followed by garbage`, bytes: Buffer.concat([body.bytes, Buffer.from(" }garbage")]) };
}

type TRealIds = Record<string, string>;

async function realIds(): Promise<TRealIds> {
  const [admin] = await queryDb<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [USERS.admin]);
  const teams = (await queryDb<{ teamId: string }>(`SELECT "teamId" FROM "Membership" WHERE "userId" = $1`, [admin?.id])).map((m) => m.teamId);
  const [workflow] = await queryDb<{ id: string }>(
    `SELECT w.id FROM "Workflow" w WHERE w."teamId" = ANY($1)
     ORDER BY (SELECT count(*) FROM "WorkflowVersion" v WHERE v."workflowId" = w.id) DESC, w.id LIMIT 1`,
    [teams],
  );
  const [version] = await queryDb<{ number: number }>(
    `SELECT max(number)::int AS number FROM "WorkflowVersion" WHERE "workflowId" = $1 AND number > 0`,
    [workflow?.id],
  );
  const [run] = await queryDb<{ id: string }>(`SELECT id FROM "Run" WHERE "workflowId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [workflow?.id]);
  const [approval] = await queryDb<{ id: string }>(
    `SELECT id FROM "Approval" WHERE "teamId" = ANY($1) ORDER BY (status = 'PENDING') DESC, id LIMIT 1`,
    [teams],
  );
  const [budget] = await queryDb<{ id: string }>(`SELECT id FROM "Budget" WHERE "teamId" = ANY($1) ORDER BY id LIMIT 1`, [teams]);
  if (!workflow || !version || !run || !approval || !budget) throw new Error("The seeded demo data lacks a workflow, version, run, approval or budget");
  const [policy] = await queryDb<{ id: string }>(`SELECT id FROM "Policy" ORDER BY name LIMIT 1`);
  const [member] = await queryDb<{ userId: string; teamId: string }>(
    `SELECT m."userId", m."teamId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 ORDER BY m."teamId" LIMIT 1`,
    [USERS.viewer],
  );
  if (!member) throw new Error("The seeded demo data lacks the viewer's membership");
  const [model] = await queryDb<{ id: string }>(`SELECT id FROM "Model" ORDER BY name, id LIMIT 1`);
  if (!model) throw new Error("The seeded demo data lacks a model");
  const [provider] = await queryDb<{ id: string }>(`SELECT id FROM "Provider" WHERE kind = 'sandbox' ORDER BY name LIMIT 1`);
  return {
    // Without a seeded policy the policy routes are still fuzzed, with a segment that names none.
    ...(policy ? { policyId: policy.id } : {}),
    ...(provider ? { providerId: provider.id } : {}),
    workflowId: workflow.id,
    number: String(version.number),
    runId: run.id,
    approvalId: approval.id,
    budgetId: budget.id,
    teamId: member.teamId,
    userId: member.userId,
    modelId: model.id,
    name: "monitoring.alert.fired", // the seeded incident-response workflow's event
    nextauth: "callback/credentials",
    path: "no-such-endpoint",
  };
}

const NEXT_AUTH_PATHS = ["callback/credentials", "signin/credentials", "signout", "session", "csrf", "providers", "_log", "callback/nope", "..%2F..%2Fhealthz", "%00"];

/** The route's URL with every dynamic segment filled: real ids, or one wrong-shaped value in every slot. */
function pathOf(route: TApiRoute, ids: TRealIds, wrong?: string): string {
  const parts = route.segments.map((s) => (s.kind === "static" ? s.value : wrong ?? ids[s.name] ?? "unknown-segment"));
  return ["/api", ...parts].join("/");
}

function casesFor(route: TApiRoute, handler: TRouteMethodSource, rule: TBodyRule, access: TRouteAccess, ids: TRealIds): TCase[] {
  const seed = seedFor(`${route.pattern} ${handler.method}`);
  const base = { route, method: handler.method, access };
  const hasSegments = route.segments.some((s) => s.kind !== "static");
  const wrongIds = hasSegments ? fc.sample(fc.constantFrom(...WRONG_SEGMENTS), { seed, numRuns: WRONG_IDS_PER_METHOD }) : [];
  const realPath = (i: number) =>
    route.segments.some((s) => s.kind === "catch-all" && s.name === "nextauth")
      ? pathOf(route, { ...ids, nextauth: NEXT_AUTH_PATHS[i % NEXT_AUTH_PATHS.length] ?? "session" })
      : pathOf(route, ids);
  const cases: TCase[] = [];
  if (rule.kind === "none" && handler.method === "GET") {
    const queries = fc.sample(malformedQuery, { seed, numRuns: QUERIES_PER_GET + ANONYMOUS_PER_METHOD });
    queries.slice(0, QUERIES_PER_GET).forEach((q, i) => cases.push({ ...base, who: "org admin", path: `${realPath(i)}${q}`, mayPass: true }));
    wrongIds.forEach((w, i) => cases.push({ ...base, who: "org admin", path: `${pathOf(route, ids, w)}${queries[i] ?? ""}`, mayPass: false }));
    const isPublic = access.auth === "public";
    queries.slice(QUERIES_PER_GET).forEach((q, i) => cases.push({ ...base, who: "no session", path: `${realPath(i)}${q}`, mayPass: isPublic }));
    return cases;
  }
  if (rule.kind === "none") {
    // No body to get wrong: with real ids the request would be valid, so only wrong ids and no session.
    wrongIds.forEach((w) => cases.push({ ...base, who: "org admin", path: pathOf(route, ids, w), mayPass: false }));
    for (let i = 0; i < ANONYMOUS_PER_METHOD; i += 1) cases.push({ ...base, who: "no session", path: realPath(i), mayPass: false });
    return cases;
  }
  const bodies = fc.sample(malformedBody, { seed, numRuns: BODIES_PER_METHOD + WRONG_IDS_PER_METHOD + ANONYMOUS_PER_METHOD }).map((b) => makeMalformed(b, rule, access));
  bodies.slice(0, BODIES_PER_METHOD).forEach((body, i) => cases.push({ ...base, who: "org admin", path: realPath(i), body, mayPass: false }));
  bodies
    .slice(BODIES_PER_METHOD, BODIES_PER_METHOD + wrongIds.length)
    .forEach((body, i) => cases.push({ ...base, who: "org admin", path: pathOf(route, ids, wrongIds[i]), body, mayPass: false }));
  bodies.slice(BODIES_PER_METHOD + WRONG_IDS_PER_METHOD).forEach((body, i) => cases.push({ ...base, who: "no session", path: realPath(i), body, mayPass: false }));
  return cases;
}

function describeRequest(c: TCase): string {
  const path = c.path.length > 160 ? `${c.path.slice(0, 160)}… (${c.path.length} chars)` : c.path;
  const body = c.body
    ? ` — ${c.body.label}, ${c.body.contentType ?? "no content type"}, ${c.body.bytes.length} bytes: ${JSON.stringify(c.body.bytes.subarray(0, 100).toString("utf8"))}`
    : "";
  return `${c.who}: ${c.method} ${path}${body}`;
}

/** Checks one answer; returns what is wrong with it, or null. */
function judge(c: TCase, status: number, contentType: string, text: string, location: string | null, origin: string): string | null {
  if (status >= 500) return "a server error";
  if (c.access.auth === "public" && c.access.answers === "next-auth") {
    if (status >= 300 && status < 400) {
      return location && new URL(location, origin).origin === origin ? null : `a redirect off this origin (${location})`;
    }
    if (status >= 200 && status < 300 && c.method !== "GET") return "a success for a POST without a CSRF token";
    return null;
  }
  if (status >= 200 && status < 300) return c.mayPass ? null : "a success for a malformed request";
  if (status < 400) return `an unexpected ${status}`;
  if (contentType.includes("text/event-stream")) return null;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code !== "string" || typeof body.error.message !== "string" || body.error.message.length === 0) {
      return "a 4xx without { error: { code, message } }";
    }
  } catch {
    return "a 4xx whose body is not JSON";
  }
  if (c.who === "no session" && c.access.auth === "session" && status !== 401) return `${status} instead of 401 without a session`;
  return null;
}

async function send(c: TCase, origin: string, cookie: string): Promise<TFailure | null> {
  const headers: Record<string, string> = { origin, accept: "application/json" };
  if (c.who === "org admin") headers.cookie = cookie;
  if (c.body?.contentType) headers["content-type"] = c.body.contentType;
  const request = describeRequest(c);
  try {
    const res = await fetch(`${origin}${c.path}`, {
      method: c.method,
      headers,
      body: c.body ? new Uint8Array(c.body.bytes) : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const contentType = res.headers.get("content-type") ?? "";
    // A live event stream never ends: its status and headers are the answer.
    const text = contentType.includes("text/event-stream") ? (await res.body?.cancel(), "") : await res.text();
    const problem = judge(c, res.status, contentType, text, res.headers.get("location"), origin);
    return problem ? { request, status: res.status, answer: text.slice(0, 300), problem } : null;
  } catch (error) {
    return { request, status: 0, answer: error instanceof Error ? error.message : String(error), problem: "no answer" };
  }
}

async function runPool<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        if (item !== undefined) results.push(await fn(item));
      }
    }),
  );
  return results;
}

async function sessionCookie(request: APIRequestContext): Promise<string> {
  await apiSignIn(request, "admin");
  const { cookies } = await request.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test("every API route refuses malformed requests with a 4xx JSON error and changes no stored row", async ({ request, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL ?? "http://localhost:3210";
  const cookie = await sessionCookie(request);
  const ids = await realIds();

  const cases: TCase[] = [];
  const skipped: string[] = [];
  for (const route of listApiRoutes(ROOT)) {
    for (const handler of route.methods) {
      const access = ROUTE_INVENTORY[route.pattern]?.[handler.method];
      // test/route-inventory.test.ts fails for an undeclared route; here it is fuzzed as a session route meanwhile.
      const declared: TRouteAccess = access ?? { auth: "session", permission: "signed-in" };
      const rule = await bodyRuleOf(route, handler, ROOT);
      cases.push(...casesFor(route, handler, rule, declared, ids));
      if (!access) skipped.push(`${handler.method} ${route.pattern} is not in the route inventory`);
    }
  }
  expect(cases.length).toBeGreaterThan(300);

  await waitForQuietDb();
  const before = await snapshotDb();
  const started = Date.now();
  const failures = (await runPool(cases, 4, (c) => send(c, origin, cookie))).filter((f): f is TFailure => f !== null);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  await waitForQuietDb();
  const changes = await describeChanges(before, await snapshotDb());

  const report = [
    `${cases.length} requests in ${seconds} s, FUZZ_SEED=${SEED} (rerun with FUZZ_SEED=${SEED} to get the same inputs)`,
    ...skipped,
    ...failures.map((f) => `✗ ${f.request}\n    → ${f.status} ${f.problem}: ${f.answer}`),
    ...(changes.length ? ["Stored rows changed:", ...changes] : []),
  ].join("\n");
  expect(failures.length + changes.length, report).toBe(0);
});
