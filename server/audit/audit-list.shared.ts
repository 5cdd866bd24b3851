// Isomorphic: rows of the audit trail page.

export type TAuditListItem = {
  seq: string;
  id: string;
  occurredAt: string;
  actorType: "user" | "api_key" | "system" | "worker";
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  teamName: string | null;
  /** Pretty-printed JSON of the event's data, for the expandable detail. */
  dataJson: string;
};

export type TAuditList = {
  items: TAuditListItem[];
  page: number;
  pageCount: number;
  total: number;
  filters: { action?: string };
};

/** The outcome of verifyAuditChain, as shown in the chain status panel. */
export type TChainResult =
  | { isIntact: true; checked: number; headHash: string }
  | { isIntact: false; checked: number; brokenAtSeq: string; reason: string };
