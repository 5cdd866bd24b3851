import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { log } from "../../log";
import { governanceDeps } from "../../governance/default-deps";
import { standaloneGovernance } from "../../governance/step-governance";
import { createRedis } from "../../redis/client";
import type { TExecuteContext, TScope } from "../execute-types";
import { NodeError } from "../node-error";
import { ZCodeConfig, definition, type TCodeConfig } from "./definition";
import { execute } from "./execute";

// Code never touches the database, Redis or the engine; real clients keep the context honest (Postgres is never
// connected), and starting a child run is refused.
const db = createDb();
const redis = createRedis();
const services = {
  db,
  redis,
  log,
  governance: governanceDeps({ db, redis }),
  engine: { startChildRun: () => Promise.reject(new Error("Code does not start child runs")) },
};
afterAll(async () => {
  await services.redis.quit();
  await services.db.$disconnect();
});

const scope: TScope = {
  trigger: { body: { items: [{ price: 4 }, { price: 6 }, { price: 10 }] } },
  nodes: { classify: { output: { label: "billing" } } },
  run: { id: "run_1", workflowId: "wf_1", teamId: "team_1" },
  item: { sku: "a-1" },
  index: 0,
};

function context(config: TCodeConfig): TExecuteContext<TCodeConfig> {
  return {
    config,
    scope,
    runId: "run_1",
    stepRunId: "step_1",
    nodeId: "compute",
    iterationKey: "",
    attempt: 1,
    idempotencyKey: "run_1:compute::1",
    signal: new AbortController().signal,
    inputs: [],
    services,
    governance: standaloneGovernance(services.governance, {
      teamId: "team_1", workflowId: "wf_1", runId: "run_1", stepRunId: "step_1", nodeId: "compute", nodeType: "tool.code", attempt: 1, idempotencyKey: "run_1:compute::1",
    }),
  };
}

describe("tool.code definition", () => {
  it("fills in the default limits and explains bad settings", () => {
    expect(ZCodeConfig.parse({ code: "return 1;" })).toEqual({ code: "return 1;", timeoutMs: 1000, memoryLimitMb: 32 });
    const issues = ZCodeConfig.safeParse({ code: "   ", timeoutMs: 60_000, memoryLimitMb: 1024 }).error?.issues ?? [];
    expect(issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual([
      "code: Write the code to run, ending with `return <value>`",
      "timeoutMs: The time limit can be at most 5,000 ms",
      "memoryLimitMb: The memory limit can be at most 256 MB",
    ]);
  });

  it("describes itself for the builder", () => {
    const config = ZCodeConfig.parse(definition.defaults);
    expect(definition.summary(config)).toBe("JavaScript, 5 lines · 1000 ms · 32 MB");
    expect(definition.outputs(config)).toEqual([{ id: "out", label: "Output", dataType: "object" }]);
    expect(definition).toMatchObject({ type: "tool.code", icon: "code-2", inputs: [{ id: "in", label: "Input" }] });
  });
});

describe("tool.code execute", () => {
  it("runs the default code on the scope", async () => {
    const result = await execute(context(ZCodeConfig.parse(definition.defaults)));
    expect(result).toEqual({
      kind: "done",
      output: { result: { total: 20, count: 3 }, logs: [{ level: "log", message: "items: 3" }] },
    });
  });

  it("gives the code the whole scope as input", async () => {
    const code = "return [input.nodes.classify.output.label, input.item.sku, input.index, input.run.id];";
    const result = await execute(context(ZCodeConfig.parse({ code })));
    expect(result).toMatchObject({ output: { result: ["billing", "a-1", 0, "run_1"], logs: [] } });
  });

  it("fails the step with a non-retryable NodeError", async () => {
    const error = await execute(context(ZCodeConfig.parse({ code: "while (true) {}", timeoutMs: 50 }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NodeError);
    expect(error).toMatchObject({
      code: "CODE_ERROR",
      isRetryable: false,
      message: "The code ran longer than its 50 ms limit and was stopped.",
    });
  });
});
