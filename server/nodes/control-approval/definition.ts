import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT } from "../ports.shared";

export const ZApprovalConfig = z.object({
  title: z.string().trim().min(1, "Give the approval a title people understand").max(200),
  /** JSONata expression giving what the approver needs to see. */
  details: z.string().trim().default("trigger.body"),
  assigneeRole: z.enum(["approver", "admin"]).default("approver"),
  /** Hours until the request expires and leaves through Timed out; empty: no deadline. */
  slaHours: z.number().min(0.01).max(24 * 90).optional(),
});

export const definition: TNodeDefinition<typeof ZApprovalConfig> = {
  type: "control.approval",
  version: 1,
  label: "Human approval",
  category: "control",
  icon: "user-check",
  description: "Parks the run until an approver of the team decides in the Inbox; continues through Approved, Rejected or Timed out.",
  configSchema: ZApprovalConfig,
  defaults: { title: "Approve this request", details: "trigger.body", assigneeRole: "approver" },
  inputs: MAIN_INPUT,
  outputs: () => [
    { id: "approved", label: "Approved" },
    { id: "rejected", label: "Rejected" },
    { id: "timeout", label: "Timed out" },
  ],
  summary: (c) => `${c.assigneeRole === "admin" ? "An admin" : "An approver"} decides${c.slaHours ? ` within ${c.slaHours} h` : ""}`,
  templateFields: ["title"],
  expressionFields: ["details"],
  ui: {
    title: { kind: "template" },
    details: { kind: "jsonata" },
    assigneeRole: { kind: "select", options: [{ value: "approver", label: "Approvers" }, { value: "admin", label: "Admins" }] },
    slaHours: { kind: "number" },
  },
};
