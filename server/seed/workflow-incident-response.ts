import { edge, modelRef, node, retry, type TDemoTemplate } from "./demo-template";
import { INCIDENT_APPROVAL, planIncidentResponse } from "./plan-incident-response";

// IT incident response: an alert is summarised by an LLM, the on-call chat and the ticketing system are updated in
// parallel, and a person approves the remediation before a code step picks the runbook action.

const ALERT = "trigger.body";
const SUMMARY = "nodes.summarise.output.json";

const SUMMARY_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["summary", "severity", "suspectedCause", "affectedServices", "hasCustomerImpact"],
  properties: {
    summary: { type: "string", maxLength: 400 },
    severity: { type: "string", enum: ["sev1", "sev2", "sev3", "sev4"] },
    suspectedCause: { type: "string" },
    affectedServices: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 5 },
    hasCustomerImpact: { type: "boolean" },
  },
};

// The code node's function body: `input` holds trigger, nodes, run. It picks the runbook action; the orchestrator
// that carries it out polls the ticket, so no network is needed here.
const REMEDIATION_CODE = `const alert = input.trigger.body;
const actions = {
  HighErrorRate: { action: "rollback", target: alert.labels.deployment },
  DiskAlmostFull: { action: "expand_volume", target: alert.labels.instance },
  PodCrashLooping: { action: "restart", target: alert.labels.pod },
  HighLatency: { action: "scale_out", target: alert.labels.service },
};
const chosen = actions[alert.name] ?? { action: "page_owner", target: alert.labels.service };
console.log("runbook:", chosen.action, "on", chosen.target);
return { ...chosen, ticket: input.nodes.create_ticket.output.body.ticketId, approvedBy: input.nodes.approve_fix.output.decidedBy };`;

const graph: TDemoTemplate["graph"] = (refs) => ({
  nodes: [
    node({
      id: "alert",
      type: "trigger.event",
      at: [0, 0],
      label: "Alert fired",
      config: { source: { kind: "app", eventName: "monitoring.alert.fired" } },
    }),
    node({
      id: "summarise",
      type: "ai.llm",
      at: [1, 0],
      label: "Summarise alert",
      config: {
        model: modelRef(refs, "sandbox-smart"),
        systemPrompt:
          "You are an SRE on call. Summarise the alert for humans in two sentences, grade its severity (sev1 = customer-facing outage) and name the most likely cause from the evidence only.",
        prompt: `Alert {{ ${ALERT}.name }} ({{ ${ALERT}.severity }}) on {{ ${ALERT}.labels.service }} since {{ ${ALERT}.startsAt }}.\n{{ ${ALERT}.description }}\nRecent deploys: {{ $string(${ALERT}.recentDeploys) }}`,
        temperature: 0.1,
        maxTokens: 350,
        outputSchema: SUMMARY_SCHEMA,
      },
      settings: { ...retry(3, 1000) },
    }),
    node({ id: "fanout", type: "control.parallel", at: [2, 0], label: "Notify in parallel", config: { branches: 2 } }),
    node({
      id: "notify_chat",
      type: "tool.http",
      at: [3, -0.75],
      label: "Post to #incidents",
      config: {
        method: "POST",
        url: "https://chat.example.com/hooks/incidents",
        bodyType: "expression",
        bodyExpression: `{ "text": "[" & ${SUMMARY}.severity & "] " & ${SUMMARY}.summary }`,
        credentialId: refs.credentialIds["chatops-webhook"] ?? null,
        allowedHosts: ["chat.example.com"],
        timeoutMs: 5_000,
      },
    }),
    node({
      id: "create_ticket",
      type: "tool.http",
      at: [3, 0.75],
      label: "Create incident ticket",
      config: {
        method: "POST",
        url: "https://itsm.example.com/api/incidents",
        bodyType: "expression",
        bodyExpression: `{ "title": ${ALERT}.name & " on " & ${ALERT}.labels.service, "severity": ${SUMMARY}.severity, "description": ${SUMMARY}.summary, "services": ${SUMMARY}.affectedServices }`,
        credentialId: refs.credentialIds["itsm-api"] ?? null,
        allowedHosts: ["itsm.example.com"],
        timeoutMs: 10_000,
      },
      settings: { ...retry(3, 500) },
    }),
    node({ id: "sync", type: "control.join", at: [4, 0], label: "Both done", config: { mode: "all" } }),
    node({
      id: "approve_fix",
      type: "control.approval",
      at: [5, 0],
      label: "Approve remediation",
      config: {
        title: `Remediate {{ ${ALERT}.name }} on {{ ${ALERT}.labels.service }} ({{ ${SUMMARY}.severity }})`,
        details: `{ "summary": ${SUMMARY}, "ticket": nodes.create_ticket.output.body }`,
        assigneeRole: "approver",
        slaHours: 0.5,
      },
    }),
    node({
      id: "remediate",
      type: "tool.code",
      at: [6, -0.75],
      label: "Choose runbook action",
      config: { code: REMEDIATION_CODE, timeoutMs: 1000 },
    }),
    node({
      id: "stand_down",
      type: "tool.transform",
      at: [6, 0.75],
      label: "Leave with on-call",
      config: {
        expression: `{ "action": "none", "reason": nodes.approve_fix.output.decision = "expired" ? "no decision in time" : "remediation declined", "owner": "on-call" }`,
      },
    }),
    node({
      id: "output",
      type: "control.output",
      at: [7, 0],
      label: "Incident record",
      config: {
        value: `{ "incident": nodes.create_ticket.output.body.ticketId, "severity": ${SUMMARY}.severity, "action": nodes.remediate ? nodes.remediate.output.result.action : "none" }`,
      },
    }),
  ],
  edges: [
    edge("alert", "summarise"),
    edge("summarise", "fanout"),
    edge("fanout", "notify_chat", "branch_1"),
    edge("fanout", "create_ticket", "branch_2"),
    edge("notify_chat", "sync"),
    edge("create_ticket", "sync"),
    edge("sync", "approve_fix"),
    edge("approve_fix", "remediate", "approved"),
    edge("approve_fix", "stand_down", "rejected"),
    edge("approve_fix", "stand_down", "timeout"),
    edge("remediate", "output"),
    edge("stand_down", "output"),
  ],
});

export const incidentResponse: TDemoTemplate = {
  key: "incident-response",
  name: "IT incident response",
  teamSlug: "risk-ops",
  description:
    "Summarises monitoring alerts, notifies chat and opens a ticket in parallel, then runs an approved remediation.",
  tags: ["incident", "sre", "operations"],
  triggerType: "event",
  graph,
  runsPerDay: { weekday: [6, 18], weekend: [3, 9] },
  llmUsage: { summarise: { tokensIn: [420, 900], tokensOut: [90, 200] } },
  approval: INCIDENT_APPROVAL,
  plan: planIncidentResponse,
};
