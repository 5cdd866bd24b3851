// The list's row actions together: who may use them, and archive / restore as the list shows them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, type TRedis } from "../redis/client";
import { closeQueues } from "../queue/connection";
import { createWorkflow } from "./create-workflow";
import { duplicateWorkflow } from "./duplicate-workflow";
import { exportWorkflow } from "./export-workflow";
import { importWorkflow } from "./import-workflow";
import { listWorkflows } from "./list-workflows";
import { setWorkflowStatus } from "./set-workflow-status";
import { createSeededDemo, errorOf, type TSeededDemo } from "./seeded-demo.test-helper";

let demo: TSeededDemo;
let redis: TRedis;
const FRAUD = "Fraud triage with compliance review";

beforeAll(async () => {
  demo = await createSeededDemo("wfactions");
  redis = createRedis();
}, 120_000);
afterAll(async () => {
  await closeQueues();
  redis.disconnect();
  await demo.t.drop();
});

describe("workflow list actions", () => {
  it("refuses a viewer with 403 on create, duplicate, import and archive, changing nothing", async () => {
    const viewer = await demo.principal("viewer");
    const teamId = demo.teamIds["risk-ops"];
    const id = await demo.workflowId(FRAUD);
    const before = await demo.t.db.workflow.count();
    const { document } = await exportWorkflow(demo.t.db, viewer, id);
    const refusals = await Promise.all([
      errorOf(createWorkflow(demo.t.db, viewer, { teamId, name: "Blank" })),
      errorOf(createWorkflow(demo.t.db, viewer, { teamId, name: "From template", templateKey: "incident-response" })),
      errorOf(duplicateWorkflow(demo.t.db, viewer, id, {})),
      errorOf(importWorkflow(demo.t.db, viewer, { teamId, document })),
      errorOf(setWorkflowStatus({ db: demo.t.db, redis }, viewer, id, { action: "archive" })),
    ]);
    expect(refusals.map((e) => e?.status)).toEqual([403, 403, 403, 403, 403]);
    expect(await demo.t.db.workflow.count()).toBe(before);
    expect((await demo.t.db.workflow.findUniqueOrThrow({ where: { id } })).status).toBe("published");
  });

  it("archives out of the default list and restores back into it", async () => {
    const builder = await demo.principal("builder");
    const id = await demo.workflowId(FRAUD);
    const ids = async (filters: Record<string, string>) => (await listWorkflows(demo.t.db, builder, filters)).items.map((w) => w.id);
    await setWorkflowStatus({ db: demo.t.db, redis }, builder, id, { action: "archive" });
    expect(await ids({})).not.toContain(id);
    expect(await ids({ status: "archived" })).toEqual([id]);
    expect(await setWorkflowStatus({ db: demo.t.db, redis }, builder, id, { action: "restore" })).toEqual({ status: "paused" });
    expect(await ids({})).toContain(id);
    expect(await ids({ status: "archived" })).toEqual([]);
  });
});
