import { expect, type APIRequestContext } from "@playwright/test";

// Setting up workflows through the API, for specs whose subject is something else (the builder, the list, webhooks).

type TMembership = { teamId: string; teamName: string; role: string };

async function memberships(request: APIRequestContext): Promise<TMembership[]> {
  const me = await request.get("/api/me");
  expect(me.status()).toBe(200);
  return ((await me.json()) as { user: { memberships: TMembership[] } }).user.memberships;
}

/** A team where the signed-in person is a builder. */
export async function builderTeamId(request: APIRequestContext): Promise<string> {
  const membership = (await memberships(request)).find((m) => m.role === "builder");
  if (!membership) throw new Error("The signed-in person is a builder in no team");
  return membership.teamId;
}

/** A team of the signed-in person, by its name. */
export async function teamIdByName(request: APIRequestContext, teamName: string): Promise<string> {
  const membership = (await memberships(request)).find((m) => m.teamName === teamName);
  if (!membership) throw new Error(`The signed-in person is not a member of ${teamName}`);
  return membership.teamId;
}

/** POST /api/workflows, expecting 201; returns the new workflow's id. */
export async function createWorkflowViaApi(
  request: APIRequestContext,
  data: { teamId: string; name: string; graph: unknown; description?: string },
): Promise<string> {
  const res = await request.post("/api/workflows", { data });
  expect(res.status(), await res.text()).toBe(201);
  const { workflow } = (await res.json()) as { workflow: { id: string; name: string } };
  expect(workflow.name).toBe(data.name);
  return workflow.id;
}

/** A node of a graph written in a spec (typeVersion 1). */
export function graphNode(id: string, type: string, x: number, config: Record<string, unknown> = {}, label?: string) {
  return { id, type, typeVersion: 1, position: { x, y: 120 }, config, ...(label === undefined ? {} : { label }) };
}

/** A connection from the source's "out" port to the target's "in" port. */
export function graphEdge(source: string, target: string, id = `${source}-${target}`) {
  return { id, source, sourceHandle: "out", target, targetHandle: "in" };
}
