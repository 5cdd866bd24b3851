import { ChainStatusCard } from "@/components/audit/chain-status-card";
import { verifyAuditChain } from "@/server/audit/verify";
import { getDb } from "@/server/db/client";

/** Recomputes the whole hash chain on each view; read-only (the worker records scheduled verifications). */
export async function ChainStatus() {
  const result = await verifyAuditChain(getDb());
  return <ChainStatusCard result={result} />;
}
