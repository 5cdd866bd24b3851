// Isomorphic: a row of the agent registry.

export type TAgentListItem = {
  id: string;
  name: string;
  teamName: string;
  ownerName: string;
  purpose: string;
  riskClass: "minimal" | "limited" | "high" | "unacceptable";
  status: "active" | "suspended" | "retired";
  workflow: { id: string; name: string } | null;
  allowedModels: string[];
  allowedTools: string[];
};
