import { edge, node, routeRef, retry, type TDemoTemplate } from "./demo-template";
import { planSupportTriage } from "./plan-support-triage";

// Support-ticket triage: local sentiment, a cheap classifier whose labels route the ticket (answerable topics go to
// help-centre retrieval and a drafted reply, anything else to the specialists' queue), then a switch on priority:
// upset customers on business plans get the draft flagged as urgent for a senior agent.

const T = "trigger.body";
export const SUPPORT_LABELS = [
  { id: "billing", description: "Invoices, payments, charges, refunds, subscriptions and VAT" },
  { id: "technical", description: "Errors, sync problems, crashes, outages, API status codes and app bugs" },
  { id: "account", description: "Passwords, sign-in, two-factor authentication, locked accounts and profiles" },
  { id: "other", description: "Anything else: partnerships, legal, privacy, praise" },
] as const;
export type TSupportLabel = (typeof SUPPORT_LABELS)[number]["id"];

const graph: TDemoTemplate["graph"] = (refs) => ({
  nodes: [
    node({
      id: "webhook",
      type: "trigger.webhook",
      at: [0, 0],
      label: "Ticket received",
      config: { auth: "secret", responseMode: "wait", waitTimeoutMs: 30_000 },
    }),
    node({
      id: "sentiment",
      type: "ai.sentiment",
      at: [1, 0],
      label: "Sentiment",
      config: { input: `{{ ${T}.subject }}. {{ ${T}.body }}` },
    }),
    node({
      id: "classify",
      type: "ai.classifier",
      at: [2, 0],
      label: "Classify topic",
      config: {
        labels: SUPPORT_LABELS,
        mode: "llm",
        model: routeRef("cheap-classify"),
        input: `{{ ${T}.subject }}\n{{ ${T}.body }}`,
        minConfidence: 0.5,
      },
    }),
    node({
      id: "search_kb",
      type: "ai.retrieval",
      at: [3, -0.5],
      label: "Search help centre",
      // Any of the words may match (websearch syntax ORs them); the ranking brings the closest articles first.
      config: {
        knowledgeBaseId: refs.knowledgeBaseId,
        query: `{{ $join($split(${T}.subject & " " & nodes.classify.output.label, " "), " or ") }}`,
        topK: 3,
      },
    }),
    node({
      id: "handoff",
      type: "tool.http",
      at: [3, 1.5],
      label: "Hand off to specialists",
      config: {
        method: "POST",
        url: `https://helpdesk.example.com/api/v2/tickets/{{ ${T}.ticketId }}/assign`,
        bodyType: "expression",
        bodyExpression: `{ "queue": "specialists", "reason": nodes.classify.output.reason, "sentiment": nodes.sentiment.output.label }`,
        credentialId: refs.credentialIds["helpdesk-api"] ?? null,
        allowedHosts: ["helpdesk.example.com"],
        timeoutMs: 10_000,
      },
    }),
    node({
      id: "draft",
      type: "ai.llm",
      at: [4, -0.5],
      label: "Draft reply",
      config: {
        model: routeRef("default-chat"),
        systemPrompt:
          "You are a friendly, precise support agent. Answer using only the help-centre articles provided; if none apply, say a specialist will follow up within one business day. Open with a short apology when the customer is upset. Never ask for full card numbers or passwords.",
        prompt: [
          `Customer: {{ ${T}.customer.name }} (plan: {{ ${T}.customer.plan }}). Sentiment: {{ nodes.sentiment.output.label }}. Topic: {{ nodes.classify.output.label }}.`,
          `Message:\n{{ ${T}.subject }}\n{{ ${T}.body }}`,
          `Help-centre articles:\n{{ $join(nodes.search_kb.output.results.(title & ": " & snippet), "\\n---\\n") }}`,
        ].join("\n\n"),
        temperature: 0.3,
        maxTokens: 500,
      },
      settings: { ...retry(2, 1000) },
    }),
    node({
      id: "priority",
      type: "control.switch",
      at: [5, -0.5],
      label: "Priority",
      config: {
        cases: [
          {
            id: "urgent",
            label: "Urgent",
            when: `nodes.sentiment.output.label = "negative" and ${T}.customer.plan = "business"`,
          },
        ],
        match: "first",
      },
    }),
    node({
      id: "flag_urgent",
      type: "tool.http",
      at: [6, -1.5],
      label: "Flag for a senior agent",
      config: {
        method: "PATCH",
        url: `https://helpdesk.example.com/api/v2/tickets/{{ ${T}.ticketId }}`,
        bodyType: "expression",
        bodyExpression: `{ "priority": "urgent", "internalNote": nodes.draft.output.text }`,
        credentialId: refs.credentialIds["helpdesk-api"] ?? null,
        allowedHosts: ["helpdesk.example.com"],
        timeoutMs: 10_000,
      },
    }),
    node({
      id: "output",
      type: "control.output",
      at: [7, 0],
      label: "Reply draft",
      config: {
        value: `{ "ticketId": ${T}.ticketId, "topic": nodes.classify.output.label, "sentiment": nodes.sentiment.output.label, "draftReply": nodes.draft.output.text, "sources": nodes.search_kb.output.results.title, "priority": nodes.flag_urgent ? "urgent" : "normal", "handedOff": nodes.handoff ? true : false }`,
      },
    }),
  ],
  edges: [
    edge("webhook", "sentiment"),
    edge("sentiment", "classify"),
    edge("classify", "search_kb", "billing"),
    edge("classify", "search_kb", "technical"),
    edge("classify", "search_kb", "account"),
    edge("classify", "handoff", "other"),
    edge("classify", "handoff", "fallback"),
    edge("search_kb", "draft"),
    edge("draft", "priority"),
    edge("priority", "flag_urgent", "urgent"),
    edge("priority", "output", "default"),
    edge("flag_urgent", "output"),
    edge("handoff", "output"),
  ],
});

export const supportTriage: TDemoTemplate = {
  key: "support-triage",
  name: "Customer-support triage",
  teamSlug: "customer-care",
  description:
    "Reads incoming tickets, detects sentiment and topic, retrieves help-centre articles and drafts a grounded reply.",
  tags: ["support", "rag", "classification"],
  triggerType: "webhook",
  graph,
  runsPerDay: { weekday: [40, 80], weekend: [15, 35] },
  llmUsage: {
    classify: { tokensIn: [180, 320], tokensOut: [18, 40] },
    draft: { tokensIn: [700, 1400], tokensOut: [140, 320] },
  },
  plan: planSupportTriage,
};
