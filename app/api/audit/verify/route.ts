import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { lastVerification, verifyAndRecord } from "@/server/audit/record-verification";

/** The last recorded verification of the audit hash chain. */
export const GET = handler(async () => {
  await requireApi("audit:verify");
  return NextResponse.json({ verification: await lastVerification(getDb()) });
});

/** Verifies the whole chain now. */
export const POST = handler(async () => {
  await requireApi("audit:verify");
  return NextResponse.json({ verification: await verifyAndRecord(getDb()) });
});
