import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { NodeError } from "../node-error";
import { stepContext } from "../ai-llm/test-context";
import { ZRetrievalConfig, definition, type TRetrievalOutput } from "./definition";
import { execute } from "./execute";
import { splitQuery } from "./search-documents";

let t: TTestDb;
let teamId: string;
let otherTeamId: string;
let kbId: string;
let otherKbId: string;

const DOCS = [
  {
    title: "Refund policy",
    content:
      "Refunds are issued within 14 days. A refund for a duplicate charge is automatic; refund requests go to billing.",
    metadata: { section: "billing" },
  },
  {
    title: "Invoices",
    content: "Invoices are emailed monthly. A refund appears on the next invoice.",
    metadata: { section: "billing" },
  },
  {
    title: "Password reset",
    content: "Reset your password from the sign-in page. Two-factor codes expire after 30 seconds.",
    metadata: { section: "account" },
  },
  { title: "Outages", content: "Status updates for outages are posted on the status page.", metadata: {} },
];

beforeAll(async () => {
  t = await createTestDatabase("airetrieval");
  const [team, other] = await Promise.all([
    t.db.team.create({ data: { slug: "kb-team", name: "KB team" } }),
    t.db.team.create({ data: { slug: "kb-other", name: "Other team" } }),
  ]);
  teamId = team.id;
  otherTeamId = other.id;
  kbId = (await t.db.knowledgeBase.create({ data: { teamId, name: "Help center" } })).id;
  otherKbId = (await t.db.knowledgeBase.create({ data: { teamId: otherTeamId, name: "Secret" } })).id;
  await t.db.document.createMany({ data: DOCS.map((d) => ({ ...d, knowledgeBaseId: kbId })) });
  await t.db.document.create({
    data: {
      knowledgeBaseId: otherKbId,
      title: "Refund secrets",
      content: "Refund refund refund: the other team's notes.",
    },
  });
});
afterAll(async () => t?.drop());

const run = (raw: Record<string, unknown>, question: string, team = teamId) =>
  execute(
    stepContext(ZRetrievalConfig.parse({ knowledgeBaseId: kbId, query: "{{ trigger.body.question }}", ...raw }), {
      db: t.db,
      teamId: team,
      trigger: { body: { question } },
    }),
  );

async function results(raw: Record<string, unknown>, question: string): Promise<TRetrievalOutput> {
  const result = await run(raw, question);
  if (result.kind !== "done") throw new Error("expected done");
  return result.output as TRetrievalOutput;
}

describe("ai.retrieval", () => {
  it("ranks matching documents of the knowledge base, with scores, snippets and metadata", async () => {
    const output = await results({}, "How do I get a refund?");
    expect(output.query).toBe("How do I get a refund?");
    expect(output.results.map((r) => r.title)).toEqual(["Refund policy", "Invoices"]);
    const [best, second] = output.results;
    expect(best?.score).toBeGreaterThan(second?.score ?? Infinity);
    expect(best?.snippet).toContain("**Refunds**");
    expect(best?.metadata).toEqual({ section: "billing" });
    expect(best?.documentId).toMatch(/^c/);
  });

  it("honours topK, minScore and web-search syntax", async () => {
    expect((await results({ topK: 1 }, "refund")).results.map((r) => r.title)).toEqual(["Refund policy"]);
    const all = await results({}, "refund");
    const cut = (all.results[0]?.score ?? 0) - 0.000001;
    expect((await results({ minScore: cut }, "refund")).results).toHaveLength(1);
    expect((await results({}, "refund -invoice")).results.map((r) => r.title)).toEqual(["Refund policy"]);
    expect((await results({}, '"status page" OR password')).results.map((r) => r.title).sort()).toEqual([
      "Outages",
      "Password reset",
    ]);
    expect((await results({}, "kangaroo")).results).toEqual([]);
    expect((await results({ query: "{{ trigger.body.missing }}" }, "x")).results).toEqual([]);
  });

  it("in all mode, requires every word (web-search semantics)", async () => {
    expect((await results({ match: "all" }, "How do I get a refund?")).results).toEqual([]);
    expect((await results({ match: "all" }, "refund invoice")).results.map((r) => r.title)).toEqual(["Invoices"]);
  });

  it("splits queries into ORed terms and exclusions for any mode", () => {
    expect(splitQuery('refund "status page" or -invoice -"two factor"', "any")).toEqual({
      positive: 'refund OR "status page"',
      negative: 'invoice OR "two factor"',
    });
    expect(splitQuery("a -b", "all")).toEqual({ positive: "a -b", negative: "" });
  });

  it("never searches another team's knowledge base", async () => {
    for (const [kb, team] of [
      [otherKbId, teamId],
      [kbId, otherTeamId],
    ] as const) {
      const error = await run({ knowledgeBaseId: kb }, "refund", team).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeError);
      expect((error as NodeError).code).toBe("INVALID_CONFIG");
    }
  });

  it("validates topK", () => {
    expect(ZRetrievalConfig.safeParse({ knowledgeBaseId: "kb", query: "q", topK: 51 }).success).toBe(false);
    expect(ZRetrievalConfig.parse({ ...definition.defaults, knowledgeBaseId: "kb" }).topK).toBe(5);
  });
});
