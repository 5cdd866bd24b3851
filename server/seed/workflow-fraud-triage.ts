import { edge, modelRef, node, retry, type TDemoTemplate } from "./demo-template";
import { FRAUD_APPROVAL, planFraudTriage } from "./plan-fraud-triage";

// Card-transaction fraud triage: local entity/PII extraction, an LLM risk score with a JSON-schema answer, and a
// compliance officer's approval before a case is opened for anything scored above 0.8.

const RISK_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["risk", "level", "reasons", "recommendedAction"],
  properties: {
    risk: { type: "number", minimum: 0, maximum: 1, description: "Probability that the transaction is fraudulent" },
    level: { type: "string", enum: ["low", "medium", "high"] },
    reasons: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 4 },
    recommendedAction: { type: "string", enum: ["clear", "review", "block"] },
  },
};

const TXN = "trigger.body.transaction";
const RISK = "nodes.score.output.json";

const graph: TDemoTemplate["graph"] = (refs) => ({
  nodes: [
    node({
      id: "webhook",
      type: "trigger.webhook",
      at: [0, 0],
      label: "Transaction received",
      config: { auth: "hmac", responseMode: "immediate" },
    }),
    node({
      id: "extract",
      type: "ai.entities",
      at: [1, 0],
      label: "Extract entities & PII",
      config: { input: `{{ ${TXN}.description }}\n{{ trigger.body.customer.note }}`, redact: true },
    }),
    node({
      id: "score",
      type: "ai.llm",
      at: [2, 0],
      label: "Score fraud risk",
      config: {
        model: modelRef(refs, "sandbox-smart"),
        systemPrompt:
          "You are a card-fraud analyst. Score the probability that the transaction is fraudulent from 0 to 1, using only the facts given. Weigh a card country that differs from the merchant's, new devices, the amount against the customer's usual spend, and velocity. Never include personal data in your reasons.",
        prompt: [
          `Transaction {{ ${TXN}.id }}: {{ ${TXN}.amount }} {{ ${TXN}.currency }} at {{ ${TXN}.merchant.name }} (MCC {{ ${TXN}.merchant.mcc }}, {{ ${TXN}.merchant.country }}).`,
          `Card country: {{ ${TXN}.card.country }}. Channel: {{ ${TXN}.channel }}. New device: {{ ${TXN}.isNewDevice }}.`,
          `Transactions in the last hour: {{ ${TXN}.velocity1h }}. Customer's average spend: {{ trigger.body.customer.avgSpend }}.`,
          "Notes (PII redacted): {{ nodes.extract.output.redactedText }}",
        ].join("\n"),
        temperature: 0,
        maxTokens: 400,
        outputSchema: RISK_SCHEMA,
      },
      settings: { ...retry(3, 1000), timeoutMs: 30_000 },
    }),
    node({
      id: "risk_gate",
      type: "control.condition",
      at: [3, 0],
      label: "Risk above 0.8?",
      config: { condition: `${RISK}.risk > 0.8` },
    }),
    node({
      id: "review",
      type: "control.approval",
      at: [4, -1],
      label: "Compliance review",
      config: {
        title: `High-risk transaction {{ ${TXN}.id }}: {{ ${TXN}.amount }} {{ ${TXN}.currency }}`,
        details: `{ "risk": ${RISK}.risk, "reasons": ${RISK}.reasons, "transaction": ${TXN} }`,
        assigneeRole: "approver",
        slaHours: 4,
      },
    }),
    node({
      id: "auto_clear",
      type: "tool.transform",
      at: [5, 1],
      label: "Auto-clear",
      config: { expression: `{ "decision": "cleared", "transactionId": ${TXN}.id, "risk": ${RISK}.risk }` },
    }),
    node({
      id: "open_case",
      type: "tool.http",
      at: [5, -1.5],
      label: "Open fraud case",
      config: {
        method: "POST",
        url: "https://cases.example.com/api/v1/cases",
        bodyType: "expression",
        // Nobody deciding within the SLA counts as confirmation: an unreviewed high-risk card stays frozen.
        bodyExpression: `{ "transactionId": ${TXN}.id, "risk": ${RISK}.risk, "reasons": ${RISK}.reasons, "action": "freeze_card", "reviewedBy": nodes.review.output.decidedBy, "decision": nodes.review.output.decision }`,
        credentialId: refs.credentialIds["case-management-api"] ?? null,
        allowedHosts: ["cases.example.com"],
        timeoutMs: 10_000,
      },
      settings: { ...retry(3, 500) },
    }),
    node({
      id: "release",
      type: "tool.transform",
      at: [5, -0.5],
      label: "Release transaction",
      config: {
        expression: `{ "decision": "released_after_review", "transactionId": ${TXN}.id, "reviewer": nodes.review.output.decidedBy, "comment": nodes.review.output.comment }`,
      },
    }),
    node({
      id: "output",
      type: "control.output",
      at: [6, 0],
      label: "Decision",
      config: {
        value: `{ "transactionId": ${TXN}.id, "risk": ${RISK}.risk, "decision": nodes.open_case ? "case_opened" : nodes.release ? "released_after_review" : "cleared", "caseId": nodes.open_case.output.body.caseId }`,
      },
    }),
  ],
  edges: [
    edge("webhook", "extract"),
    edge("extract", "score"),
    edge("score", "risk_gate"),
    edge("risk_gate", "review", "true"),
    edge("risk_gate", "auto_clear", "false"),
    edge("review", "open_case", "approved"),
    edge("review", "open_case", "timeout"),
    edge("review", "release", "rejected"),
    edge("open_case", "output"),
    edge("release", "output"),
    edge("auto_clear", "output"),
  ],
});

export const fraudTriage: TDemoTemplate = {
  key: "fraud-triage",
  name: "Fraud triage with compliance review",
  teamSlug: "risk-ops",
  description:
    "Scores card transactions for fraud; anything above 0.8 goes to a compliance officer before a case is opened.",
  tags: ["fraud", "compliance", "payments"],
  triggerType: "webhook",
  graph,
  runsPerDay: { weekday: [35, 80], weekend: [20, 45] },
  llmUsage: { score: { tokensIn: [620, 1100], tokensOut: [70, 170] } },
  approval: FRAUD_APPROVAL,
  plan: planFraudTriage,
};
