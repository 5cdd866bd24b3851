import { NextResponse } from "next/server";
import { z } from "zod";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { AppError } from "@/server/errors";
import { teamsWhere } from "@/server/auth/permissions";
import { principalActor } from "@/server/auth/actor";
import { publishAppEvent } from "@/server/engine/event-triggers";

const ZName = z.string().regex(/^[a-z0-9_.-]{1,64}$/i);

/** An app event: starts the workflows of the caller's teams whose Event trigger listens to this name. */
export const POST = handler<{ name: string }>(async (req, ctx) => {
  const principal = await requireApi("workflow:run");
  const { name } = await ctx.params;
  if (!ZName.safeParse(name).success) throw new AppError("BAD_REQUEST", "Event names use letters, digits, dots, dashes and underscores (at most 64).");
  const payload = await readJson(req, z.unknown());
  const runIds = await publishAppEvent(
    { db: getDb(), redis: getRedis() },
    principalActor(principal),
    teamsWhere(principal, "workflow:run"),
    name,
    payload,
  );
  return NextResponse.json({ event: name, runIds }, { status: 202 });
});
