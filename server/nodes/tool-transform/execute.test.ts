import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { ExpressionError } from "../../engine/expressions";
import { log } from "../../log";
import { governanceDeps } from "../../governance/default-deps";
import { standaloneGovernance } from "../../governance/step-governance";
import { createRedis } from "../../redis/client";
import type { TExecuteContext, TScope } from "../execute-types";
import { ZTransformConfig, definition, type TTransformConfig } from "./definition";
import { execute } from "./execute";

// Transform never touches the database, Redis or the engine; real clients keep the context honest (Postgres is never
// connected), and starting a child run is refused.
const db = createDb();
const redis = createRedis();
const services = {
  db,
  redis,
  log,
  governance: governanceDeps({ db, redis }),
  engine: { startChildRun: () => Promise.reject(new Error("Transform does not start child runs")) },
};
afterAll(async () => {
  await services.redis.quit();
  await services.db.$disconnect();
});

const scope: TScope = {
  trigger: { body: { customer: "Ada" } },
  nodes: {
    fetch: {
      output: {
        body: {
          items: [
            { sku: "a", price: 4 },
            { sku: "b", price: 16 },
          ],
        },
      },
    },
  },
  run: { id: "run_1", workflowId: "wf_1", teamId: "team_1" },
};

function context(expression: string): TExecuteContext<TTransformConfig> {
  return {
    config: ZTransformConfig.parse({ expression }),
    scope,
    runId: "run_1",
    stepRunId: "step_1",
    nodeId: "shape",
    iterationKey: "",
    attempt: 1,
    idempotencyKey: "run_1:shape::1",
    signal: new AbortController().signal,
    inputs: [],
    services,
    governance: standaloneGovernance(services.governance, {
      teamId: "team_1", workflowId: "wf_1", runId: "run_1", stepRunId: "step_1", nodeId: "shape", nodeType: "tool.transform", attempt: 1, idempotencyKey: "run_1:shape::1",
    }),
  };
}

describe("tool.transform", () => {
  it("outputs the value of the expression", async () => {
    const expression =
      '{"customer": trigger.body.customer, "total": $sum(nodes.fetch.output.body.items.price), "skus": nodes.fetch.output.body.items.sku}';
    expect(await execute(context(expression))).toEqual({
      kind: "done",
      output: { customer: "Ada", total: 20, skus: ["a", "b"] },
    });
    expect(await execute(context(definition.defaults.expression))).toEqual({
      kind: "done",
      output: { body: { customer: "Ada" } },
    });
  });

  it("outputs null when the expression matches nothing", async () => {
    expect(await execute(context("nodes.fetch.output.body.missing"))).toEqual({ kind: "done", output: null });
  });

  it("fails with an error naming the node, the field and the expression", async () => {
    const error = await execute(context("$sum(trigger.body.customer)")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toMatch(
      /^Node "shape", field "expression": expression "\$sum\(trigger\.body\.customer\)" failed: /,
    );
  });

  it("validates and summarizes its config", () => {
    expect(ZTransformConfig.safeParse({ expression: "  " }).error?.issues[0]?.message).toBe(
      'Enter a JSONata expression, e.g. {"name": trigger.body.name}',
    );
    const long = `{"a": ${"trigger.body.customer & ".repeat(5)}"x"}`;
    expect(definition.summary({ expression: long })).toHaveLength(60);
    expect(definition.summary({ expression: "nodes.fetch.output.body" })).toBe("nodes.fetch.output.body");
    expect(definition).toMatchObject({ type: "tool.transform", icon: "shuffle", expressionFields: ["expression"] });
  });
});
