import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { verifyPassword } from "../auth/password";
import type { TDb } from "../db/client";
import { MODEL_CATALOG } from "../gateway/catalog";
import { SANDBOX_LABEL, ZSandboxSettings } from "../gateway/sandbox.shared";
import { evaluateExpression } from "../engine/expressions";
import { getDefinition } from "../nodes/registry.shared";
import { ZWorkflowGraph, type TWorkflowGraph } from "../workflows/graph.shared";
import { Prisma } from "../db/generated/client";
import { validatePolicyDocument } from "../policy";
import { DEMO_USERS, seedDemo, SEED_COUNT_KEYS, type TSeedCounts } from "./index";
import { BASELINE_POLICY } from "./seed-governance";

// A fixed anchor (a Wednesday afternoon, UTC) keeps the generated history identical from run to run.
const NOW = new Date("2026-11-18T14:30:00.000Z");
const SEED_TIMEOUT = 120_000;

let t: TTestDb;
let first: { created: TSeedCounts; isChanged: boolean; durationMs: number };

beforeAll(async () => {
  t = await createTestDatabase("seed");
  first = await seedDemo(t.db, { now: NOW });
}, SEED_TIMEOUT);
afterAll(async () => t.drop());

/** Every node's config parses with its definition, and every edge leaves and enters through a port that exists. */
function graphProblems(graph: TWorkflowGraph): string[] {
  const problems: string[] = [];
  const ports = new Map<string, { inputs: string[]; outputs: string[] }>();
  for (const node of graph.nodes) {
    const definition = getDefinition(node.type);
    const config = definition.configSchema.safeParse(node.config);
    if (!config.success) {
      problems.push(`${node.id}: ${config.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      continue;
    }
    ports.set(node.id, {
      inputs: definition.inputs.map((p) => p.id),
      outputs: definition.outputs(config.data).map((p) => p.id),
    });
  }
  for (const e of graph.edges) {
    if (ports.get(e.source) && !ports.get(e.source)?.outputs.includes(e.sourceHandle))
      problems.push(`${e.id}: no output "${e.sourceHandle}"`);
    if (ports.get(e.target) && !ports.get(e.target)?.inputs.includes(e.targetHandle))
      problems.push(`${e.id}: no input "${e.targetHandle}"`);
  }
  return problems;
}

/** Row count and an md5 of the full contents of every table in the schema, nothing excluded. */
async function snapshot(db: TDb): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ rows: number; md5: string }[]>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
    );
    if (row) result[name] = row;
  }
  return result;
}

describe("demo seed", () => {
  it(
    "fills an empty database with people, catalog, governance, workflows and history",
    async () => {
      const db = t.db;
      expect(first.isChanged).toBe(true);
      expect(first.created).toMatchObject({
        users: 5,
        teams: 2,
        memberships: 9,
        providers: 4,
        models: MODEL_CATALOG.length,

        routes: 2,
        credentials: 4,
        policies: 1,
        budgets: 2,
        knowledgeBases: 1,
        documents: 8,
        workflows: 3,
        agents: 2,
      });
      expect(await db.user.count()).toBe(5);
      expect(await db.membership.count()).toBe(9);
      expect(await db.model.count()).toBe(MODEL_CATALOG.length);
      expect(await db.policyVersion.count()).toBe(1);
      expect(await db.document.count()).toBe(8);
      expect(await db.agent.count({ where: { workflowId: { not: null } } })).toBe(2);

      const sandbox = await db.provider.findUniqueOrThrow({ where: { name: SANDBOX_LABEL } });
      expect(sandbox).toMatchObject({ kind: "sandbox", isEnabled: true });
      expect(ZSandboxSettings.parse(sandbox.settings)).toMatchObject({
        latencyMs: 250,
        latencyJitterMs: 150,
        errorRate: 0.02,
      });
      expect(await db.provider.count({ where: { isEnabled: false, encryptedCredentials: null } })).toBe(3);
      // Each model's price history starts with the prices it was seeded with; vendors' models get the shipped
      // catalog's cached-input price.
      const models = await db.model.findMany({ include: { prices: true } });
      for (const m of models) {
        expect(m.prices.map((p) => [p.inputPricePerMTok.toFixed(), p.outputPricePerMTok.toFixed(), p.cachedInputPricePerMTok?.toFixed() ?? null]), m.name).toEqual([
          [m.inputPricePerMTok.toFixed(), m.outputPricePerMTok.toFixed(), m.cachedInputPricePerMTok?.toFixed() ?? null],
        ]);
      }
      expect(models.find((m) => m.name === "gpt-4o-mini")?.cachedInputPricePerMTok?.toFixed()).toBe("0.075");
      expect(models.find((m) => m.name === "sandbox-fast")?.cachedInputPricePerMTok).toBeNull();

      const workflows = await db.workflow.findMany({ include: { versions: true, team: true } });
      expect(workflows.map((w) => w.templateKey).sort()).toEqual([
        "fraud-triage",
        "incident-response",
        "support-triage",
      ]);
      for (const w of workflows) {
        expect(w.status).toBe("published");
        expect(w.versions).toHaveLength(1);
        expect(w.versions[0]).toMatchObject({ number: 1, id: w.publishedVersionId });
        expect(w.versions[0]?.graph).toEqual(w.draftGraph);
        expect(graphProblems(ZWorkflowGraph.parse(w.draftGraph))).toEqual([]);
        expect(w.webhookSecret).toMatch(/^whsec_[0-9a-f]{48}$/);
        // Random per installation: not the HMAC of the workflow's name the seed once derived it from.
        const derived = createHmac("sha256", "baton-development-secret-change-me-in-production")
          .update(`baton/webhook-secret/${w.team.slug}/${w.name}`)
          .digest("hex")
          .slice(0, 48);
        expect(w.webhookSecret).not.toBe(`whsec_${derived}`);
      }
      expect(new Set(workflows.map((w) => w.webhookSecret)).size).toBe(workflows.length);

      // History: every run generated, a realistic volume and mix, and the counts the seed reported.
      const runs = await db.run.count();
      expect(runs).toBe(first.created.runs);
      expect(runs).toBeGreaterThan(2000);
      expect(await db.run.count({ where: { isGenerated: false } })).toBe(0);
      expect(await db.stepRun.count()).toBe(first.created.stepRuns);
      expect(await db.metricBucket.count({ where: { isGenerated: true } })).toBe(first.created.metricBuckets);
      const byStatus = Object.fromEntries(
        (await db.run.groupBy({ by: ["status"], _count: { _all: true } })).map((g) => [g.status, g._count._all]),
      );
      expect(byStatus.SUCCEEDED).toBeGreaterThan(runs * 0.85);
      expect(byStatus.FAILED).toBeGreaterThan(0);
      expect(byStatus.CANCELLED).toBeGreaterThan(0);
      expect(byStatus.WAITING).toBeGreaterThanOrEqual(3);
      expect(byStatus.QUEUED ?? 0).toBe(0);
      expect(byStatus.RUNNING ?? 0).toBe(0);
      expect(await db.approval.count({ where: { status: "PENDING" } })).toBe(byStatus.WAITING);
      // The inbox shows requests still within their SLA (one per approval workflow) beside overdue ones.
      expect(await db.approval.count({ where: { status: "PENDING", dueAt: { gt: NOW } } })).toBeGreaterThanOrEqual(2);
      expect(await db.stepRun.count({ where: { status: "WAITING", nodeType: "control.approval" } })).toBe(
        byStatus.WAITING,
      );
      expect(await db.run.count({ where: { createdAt: { gt: NOW } } })).toBe(0);

      // Money adds up: each run costs the sum of its steps, and the rollups carry exactly the steps' cost and the runs.
      const [mismatch] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Run" r
      WHERE r."costUsd" <> (SELECT coalesce(sum(s."costUsd"), 0) FROM "StepRun" s WHERE s."runId" = r.id)
         OR r."tokensIn" <> (SELECT coalesce(sum(s."tokensIn"), 0) FROM "StepRun" s WHERE s."runId" = r.id)`;
      expect(mismatch?.n).toBe(0);
      const [totals] = await db.$queryRaw<
        { steps: string; hour: string; day: string; runsHour: number; runsDay: number }[]
      >`
      SELECT (SELECT sum("costUsd")::text FROM "StepRun") AS steps,
             (SELECT sum("costUsd")::text FROM "MetricBucket" WHERE granularity = 'hour') AS hour,
             (SELECT sum("costUsd")::text FROM "MetricBucket" WHERE granularity = 'day') AS day,
             (SELECT sum(runs)::int FROM "MetricBucket" WHERE granularity = 'hour') AS "runsHour",
             (SELECT sum(runs)::int FROM "MetricBucket" WHERE granularity = 'day') AS "runsDay"`;
      expect(Number(totals?.steps)).toBeGreaterThan(0);
      expect(totals?.hour).toBe(totals?.steps);
      expect(totals?.day).toBe(totals?.steps);
      expect([totals?.runsHour, totals?.runsDay]).toEqual([runs, runs]);

      // The budget ledger holds every generated step that cost something, flagged as generated, at the same total.
      const [ledger] = await db.$queryRaw<{ rows: number; generated: number; cost: string; unmatched: number }[]>`
      SELECT count(*)::int AS rows, count(*) FILTER (WHERE u."isGenerated")::int AS generated, sum(u."costUsd")::text AS cost,
             count(*) FILTER (WHERE s.id IS NULL OR s."costUsd" <> u."costUsd" OR s."finishedAt" IS DISTINCT FROM u."at")::int AS unmatched
      FROM "UsageEntry" u LEFT JOIN "StepRun" s ON s.id = u."stepRunId"`;
      expect(ledger).toEqual({ rows: first.created.usageEntries, generated: first.created.usageEntries, cost: totals?.steps, unmatched: 0 });
      expect(await db.stepRun.count({ where: { costUsd: { gt: 0 } } })).toBe(first.created.usageEntries);

      const audit = await db.auditEvent.findMany({ where: { action: "seed.applied" } });
      expect(audit).toHaveLength(1);
    },
    SEED_TIMEOUT,
  );

  it(
    "is idempotent: a second run, even later, changes no row of any table",
    async () => {
      const before = await snapshot(t.db);
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining(["User", "Run", "StepRun", "MetricBucket", "AuditEvent", "Model"]),
      );
      const second = await seedDemo(t.db, { now: new Date(NOW.getTime() + 5 * 3_600_000) });
      expect(second.isChanged).toBe(false);
      for (const key of SEED_COUNT_KEYS) expect(second.created[key]).toBe(0);
      const after = await snapshot(t.db);
      expect(after).toEqual(before);
    },
    SEED_TIMEOUT,
  );

  it("gives generated runs the input their trigger builds, so the demo graphs' expressions find their data", async () => {
    const expected: Record<string, { expression: string; type: string }> = {
      "Customer-support triage": { expression: "trigger.body.subject", type: "string" },
      "Fraud triage with compliance review": { expression: "trigger.body.transaction.amount", type: "number" },
      "IT incident response": { expression: "trigger.body.labels.service", type: "string" },
    };
    for (const [name, { expression, type }] of Object.entries(expected)) {
      const run = await t.db.run.findFirstOrThrow({
        where: { workflow: { name }, status: "SUCCEEDED" },
        include: { steps: { where: { nodeType: { startsWith: "trigger." } } } },
      });
      const scope = {
        trigger: run.input,
        nodes: {},
        run: { id: run.id, workflowId: run.workflowId, teamId: run.teamId },
      };
      const value = await evaluateExpression(expression, scope as never, { nodeId: "test", field: "test" });
      expect(typeof value, `${name}: ${expression}`).toBe(type);
      expect(run.steps).toHaveLength(1);
      expect(run.steps[0]?.output, `${name}: the trigger passes the run's input on`).toEqual(run.input);
    }
  });

  it("gives generated steps the decisions the policy engine took under the seeded Baseline policy", async () => {
    const baseline = await t.db.policy.findUniqueOrThrow({
      where: { name: BASELINE_POLICY },
      include: { currentVersion: true },
    });
    expect(validatePolicyDocument(baseline.currentVersion?.rules).isValid).toBe(true);
    const checked = JSON.stringify([`policy ${baseline.name} v${baseline.currentVersion?.number}`]);
    const [found] = await t.db.$queryRaw<{ steps: number; redacted: number; foreign: number; unchecked: number }[]>`
      SELECT count(DISTINCT s.id)::int AS steps,
             count(DISTINCT s.id) FILTER (WHERE r->>'decision' = 'redact')::int AS redacted,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM jsonb_array_elements(r->'rules') rule WHERE rule->>'policyId' <> ${baseline.id}))::int AS foreign,
             count(*) FILTER (WHERE r->'checked' <> ${checked}::jsonb)::int AS unchecked
      FROM "StepRun" s, jsonb_array_elements(s."policyDecisions") r`;
    expect(found?.steps).toBeGreaterThan(1000);
    expect(found?.redacted).toBeGreaterThan(0);
    expect([found?.foreign, found?.unchecked]).toEqual([0, 0]);
    expect(await t.db.stepRun.count({ where: { errorCode: "POLICY" } })).toBe(0);
  });

  it("keeps the generated spend below every seeded budget's warning threshold, where no budget rule would fire", async () => {
    const budgets = await t.db.budget.findMany();
    expect(budgets.length).toBeGreaterThan(0);
    for (const b of budgets) {
      // The whole history, whatever the period: no period's spend can be more.
      const [row] = await t.db.$queryRaw<{ cost: string }[]>`
        SELECT coalesce(sum(s."costUsd"), 0)::text AS cost FROM "StepRun" s JOIN "Run" r ON r.id = s."runId"
        WHERE r."isGenerated" AND (${b.teamId}::text IS NULL OR r."teamId" = ${b.teamId})`;
      expect(new Prisma.Decimal(row?.cost ?? "0").lessThan(b.amountUsd.times(b.warnAt)), b.name).toBe(true);
    }
  });

  it("creates demo users whose password verifies", async () => {
    for (const { email } of DEMO_USERS) {
      const user = await t.db.user.findUniqueOrThrow({ where: { email } });
      expect(await verifyPassword(user.passwordHash ?? "", process.env.BATON_DEMO_PASSWORD!)).toBe(true);
      expect(await verifyPassword(user.passwordHash ?? "", "wrong-password")).toBe(false);
    }
    const admin = await t.db.user.findUniqueOrThrow({
      where: { email: "admin@baton.local" },
      include: { memberships: { include: { team: true } } },
    });
    expect(admin.memberships.map((m) => [m.team.slug, m.role]).sort()).toEqual([
      ["customer-care", "admin"],
      ["risk-ops", "admin"],
    ]);
  });
});
