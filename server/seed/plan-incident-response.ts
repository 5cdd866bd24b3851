import { decideApproval, type TDemoTemplate } from "./demo-template";

// Monitoring alerts and how each incident's response plays out. Deterministic for a given generator state.

export const INCIDENT_APPROVAL: NonNullable<TDemoTemplate["approval"]> = {
  nodeId: "approve_fix",
  slaMinutes: 30,
  decisionMinutes: [2, 40],
  title: (plan) => {
    const a = plan.input as { name: string; labels: { service: string } };
    const severity = (plan.outputs.summarise as { json: { severity: string } }).json.severity;
    return `Remediate ${a.name} on ${a.labels.service} (${severity})`;
  },
  details: (plan) => ({
    summary: (plan.outputs.summarise as { json: unknown }).json,
    ticket: (plan.outputs.create_ticket as { body: unknown }).body,
  }),
};

const ALERTS = [
  {
    name: "HighErrorRate",
    service: "payments-api",
    severity: "critical",
    sev: "sev2",
    cause: "Deploy 2f9c1 introduced a failing database migration",
    action: "rollback",
  },
  {
    name: "HighLatency",
    service: "search",
    severity: "warning",
    sev: "sev3",
    cause: "Traffic spike saturating the search replicas",
    action: "scale_out",
  },
  {
    name: "PodCrashLooping",
    service: "notifications",
    severity: "warning",
    sev: "sev3",
    cause: "Out-of-memory after a config change",
    action: "restart",
  },
  {
    name: "DiskAlmostFull",
    service: "ledger-db",
    severity: "critical",
    sev: "sev2",
    cause: "WAL archiving stalled",
    action: "expand_volume",
  },
];

// Deploy records name who shipped: people by their work address (which the Baseline policy redacts before the summary
// model sees it), or the pipeline.
const DEPLOYERS = ["priya.shah@example.com", "marco.rossi@example.com", "lena.vogel@example.com", "ci-pipeline"];

export const planIncidentResponse: TDemoTemplate["plan"] = (rng, at) => {
  const a = rng.pick(ALERTS);
  const ticketId = `INC-${rng.int(10_000, 99_999)}`;
  const approval = decideApproval(rng, INCIDENT_APPROVAL, 0.85, {
    approved: "Go ahead.",
    rejected: "On-call is already on it.",
  });
  const isApproved = approval.handle === "approved";
  const input = {
    name: a.name,
    severity: a.severity,
    labels: {
      service: a.service,
      deployment: `${a.service}-${rng.hex(5)}`,
      instance: `ip-10-0-${rng.int(1, 254)}-${rng.int(1, 254)}`,
      pod: `${a.service}-${rng.hex(8)}`,
    },
    description: `${a.name} firing for ${a.service} in eu-west-1.`,
    startsAt: new Date(at.getTime() - rng.int(60, 900) * 1000).toISOString(),
    recentDeploys: [
      { service: a.service, version: rng.hex(5), minutesAgo: rng.int(5, 90), deployedBy: rng.pick(DEPLOYERS) },
    ],
  };
  const remediation = {
    action: isApproved ? a.action : "none",
    target: a.service,
    ticket: ticketId,
    approvedBy: "approver@baton.local",
  };
  const summary = {
    summary: `${a.name} on ${a.service}. ${a.cause}.`,
    severity: a.sev,
    suspectedCause: a.cause,
    affectedServices: [a.service],
    hasCustomerImpact: a.sev === "sev2",
  };
  const http = (url: string, status: number, body: unknown) => ({
    status,
    headers: { "content-type": "application/json" },
    body,
    durationMs: 0,
    request: { method: "POST", url, headers: {} },
  });
  return {
    input,
    outputs: {
      summarise: { text: JSON.stringify(summary), json: summary, model: "sandbox-smart", finishReason: "stop" },
      notify_chat: http("https://chat.example.com/hooks/incidents", 200, { ok: true }),
      create_ticket: http("https://itsm.example.com/api/incidents", 201, {
        ticketId,
        url: `https://itsm.example.com/incidents/${ticketId}`,
      }),
      approve_fix: approval.output,
      remediate: { result: remediation, logs: [{ level: "log", message: `runbook: ${a.action} on ${a.service}` }] },
      stand_down: {
        action: "none",
        reason: approval.handle === "timeout" ? "no decision in time" : "remediation declined",
        owner: "on-call",
      },
    },
    branches: { approve_fix: approval.handle },
    approvalDelayMs: approval.delayMs,
    finalOutput: { incident: ticketId, severity: a.sev, action: remediation.action },
  };
};
