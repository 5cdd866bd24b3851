import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { loadBreakerSettings } from "@/server/net/breaker-settings";
import { ZBreakerSettings } from "@/server/net/breaker-settings.shared";
import { saveBreakerSettings } from "@/server/net/save-breaker-settings";

/** The circuit breakers' thresholds: `{ defaults, overrides: [{ key, ... }] }`. */
export const GET = handler(async () => {
  await requireApi("settings:read");
  return NextResponse.json({ settings: await loadBreakerSettings(getDb()) });
});

/** Replaces them; a bad field is a 400 whose issue path names it (e.g. `overrides.1.coolDownMs`). */
export const PUT = handler(async (req) => {
  const principal = await requireApi("settings:write");
  const input = await readJson(req, ZBreakerSettings);
  return NextResponse.json(await saveBreakerSettings(getDb(), principal, input));
});
