// An archived team starts no runs from triggers without a person: its schedules skip their firings (and resume when
// the team is restored) and its event triggers do not listen (README, "Teams and people").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graph, startHarness, type THarness } from "@/test/engine-harness";
import { publishAppEvent } from "../engine/event-triggers";
import { createWorkflow } from "../workflows/create-workflow";
import { publishWorkflow } from "../workflows/publish-workflow";
import { updateTeam } from "./manage-teams";

let h: THarness;
beforeAll(async () => {
  h = await startHarness("archivedtriggers");
});
afterAll(async () => h.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runsOf = (workflowId: string) => h.t.db.run.count({ where: { workflowId } });

describe("an archived team's triggers", () => {
  it("skips schedule firings and app events while archived; the schedule resumes when the team is restored", async () => {
    const org = { ...h.principal, isOrgAdmin: true };
    const every = graph(
      { t: { type: "trigger.schedule", config: { cron: "* * * * * *", timezone: "UTC", input: {} } }, out: { type: "control.output", config: { value: "1" } } },
      ["t>out"],
    );
    const scheduled = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "Every second", graph: every });
    await publishWorkflow(h.t.db, h.principal, scheduled.id, {});
    const onEvent = graph(
      { t: { type: "trigger.event", config: { source: { kind: "app", eventName: "thing.happened" } } }, out: { type: "control.output", config: { value: "1" } } },
      ["t>out"],
    );
    const listener = await createWorkflow(h.t.db, h.principal, { teamId: h.teamId, name: "On event", graph: onEvent });
    await publishWorkflow(h.t.db, h.principal, listener.id, {});
    for (let i = 0; i < 50 && (await runsOf(scheduled.id)) < 1; i++) await sleep(100);
    expect(await runsOf(scheduled.id)).toBeGreaterThanOrEqual(1);

    await updateTeam(h.t.db, org, h.teamId, { isArchived: true });
    await sleep(300);
    const atArchive = await runsOf(scheduled.id);
    await sleep(2500);
    expect(await runsOf(scheduled.id)).toBe(atArchive);
    const actor = { type: "user" as const, id: h.principal.id, label: h.principal.email };
    expect(await publishAppEvent({ db: h.t.db, redis: h.redis }, actor, [h.teamId], "thing.happened", {})).toEqual([]);
    expect(await runsOf(listener.id)).toBe(0);

    await updateTeam(h.t.db, org, h.teamId, { isArchived: false });
    for (let i = 0; i < 50 && (await runsOf(scheduled.id)) <= atArchive; i++) await sleep(100);
    expect(await runsOf(scheduled.id)).toBeGreaterThan(atArchive);
    expect(await publishAppEvent({ db: h.t.db, redis: h.redis }, actor, [h.teamId], "thing.happened", {})).toHaveLength(1);
  });
});
