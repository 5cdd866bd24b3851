import type { Metadata } from "next";
import { Bot } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { AgentTable } from "@/components/agents/agent-table";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { listAgents } from "@/server/agents/list-agents";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const principal = await requirePage("agent:read");
  const agents = await listAgents(getDb(), principal);
  return (
    <>
      <PageHeader
        title="Agents"
        description="The registry of AI agents in your teams: who owns them, what they are for and how risky they are."
      />
      {agents.length === 0 ? (
        <EmptyState
          icon={Bot}
          title="No agents registered yet"
          description={
            can(principal, "agent:write")
              ? "Register each AI agent your team runs, with its owner, purpose and risk class, so it can be governed."
              : "Agents registered by your team's builders will appear here."
          }
        />
      ) : (
        <AgentTable items={agents} />
      )}
    </>
  );
}
