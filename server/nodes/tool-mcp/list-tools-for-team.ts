import type { TDb } from "../../db/client";
import { loadCredentialAuth, NO_AUTH } from "../../net/credentials";
import { loadOutboundPolicy } from "../../net/outbound-settings";
import { listMcpTools, type TMcpToolInfo } from "./mcp-client";

// For the builder's tool picker (an API route calls this after authorising the user for the team): the same
// outbound policy and credential rules as the node itself, so the picker cannot reach what a run could not.

export type TListToolsInput = {
  serverUrl: string;
  teamId: string;
  credentialId?: string | null;
  allowedHosts?: string[];
  timeoutMs?: number;
  signal?: AbortSignal;
};

export async function listMcpToolsForTeam(db: TDb, input: TListToolsInput): Promise<TMcpToolInfo[]> {
  const auth = input.credentialId ? await loadCredentialAuth(db, { credentialId: input.credentialId, teamId: input.teamId }) : NO_AUTH;
  const policy = await loadOutboundPolicy(db, input.allowedHosts ?? []);
  return listMcpTools(input.serverUrl, { policy, auth, timeoutMs: input.timeoutMs ?? 10_000, signal: input.signal });
}
