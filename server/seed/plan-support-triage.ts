import { round2, type TDemoTemplate } from "./demo-template";
import { HELP_CENTRE_DOCS } from "./knowledge-docs";
import type { TSupportLabel } from "./workflow-support-triage";

// Support tickets and how each one's triage plays out. Deterministic for a given generator state.

const TICKETS: { label: TSupportLabel; subject: string; body: string; mood: "negative" | "neutral" | "positive" }[] = [
  {
    label: "billing",
    subject: "Charged twice this month",
    body: "I see two charges of 49 EUR for my subscription on the same day. Please refund one.",
    mood: "negative",
  },
  {
    label: "billing",
    subject: "Invoice needs our VAT number",
    body: "Could you add our VAT number to the invoices from now on?",
    mood: "neutral",
  },
  {
    label: "billing",
    subject: "Refund for annual plan",
    body: "We bought the annual plan last week by mistake; we wanted monthly. Can we get a refund to DE89 3704 0044 0532 0130 00?",
    mood: "neutral",
  },
  {
    label: "technical",
    subject: "Sync failed on desktop",
    body: "Since this morning the desktop app shows 'Sync failed' and keeps loading. Very frustrating before a deadline.",
    mood: "negative",
  },
  {
    label: "technical",
    subject: "Getting 503 from the API",
    body: "Our integration receives 503 errors every few minutes. Is there an incident?",
    mood: "negative",
  },
  {
    label: "account",
    subject: "Password reset email never arrives",
    body: "I tried to reset my password three times and got no email. My login is {email}.",
    mood: "negative",
  },
  {
    label: "account",
    subject: "Lost my 2FA phone",
    body: "I changed phones and can't sign in. I have no backup codes. Please call me on {phone}.",
    mood: "neutral",
  },
  {
    label: "other",
    subject: "Partnership enquiry",
    body: "We'd love to discuss a reseller partnership in the Nordics. Who should we talk to?",
    mood: "positive",
  },
  {
    label: "other",
    subject: "Thanks for the quick help",
    body: "Just wanted to say thanks, the issue is resolved. Great support!",
    mood: "positive",
  },
];

// Customers write their contact details (and bank details) into tickets: the Baseline policy redacts them before the
// classifier and the reply draft see them. All made up for examples: example.com addresses, numbers from the UK's
// range reserved for drama, and a widely published example IBAN.
const CUSTOMERS = [
  { name: "Anna Berg", email: "anna.berg@example.com", phone: "+44 20 7946 0112" },
  { name: "Raj Patel", email: "raj.patel@example.com", phone: "+44 20 7946 0347" },
  { name: "Chloe Martin", email: "chloe.martin@example.com", phone: "+44 20 7946 0581" },
  { name: "Diego Alvarez", email: "diego.alvarez@example.com", phone: "+44 20 7946 0726" },
  { name: "Yuki Sato", email: "yuki.sato@example.com", phone: "+44 20 7946 0953" },
];

const helpdesk = (method: string, url: string, body: unknown) => ({
  status: 200,
  headers: { "content-type": "application/json" },
  body,
  durationMs: 0,
  request: { method, url, headers: {} },
});

export const planSupportTriage: TDemoTemplate["plan"] = (rng, at) => {
  const t = rng.pick(TICKETS);
  const ticketId = `T-${rng.int(100_000, 999_999)}`;
  const person = rng.pick(CUSTOMERS);
  const customer = { name: person.name, plan: rng.pick(["starter", "team", "business"]) };
  const input = {
    ticketId,
    receivedAt: at.toISOString(),
    channel: rng.pick(["email", "chat", "web"]),
    subject: t.subject,
    body: t.body.replace("{email}", person.email).replace("{phone}", person.phone),
    customer,
  };
  const isAnswerable = t.label !== "other";
  const isUrgent = isAnswerable && t.mood === "negative" && customer.plan === "business";
  const results = HELP_CENTRE_DOCS.filter((d) => d.category === t.label)
    .slice(0, 3)
    .map((d, i) => ({
      documentId: `doc-${d.category}-${i}`,
      title: d.title,
      score: round2(0.42 - i * 0.11 + rng.float(-0.04, 0.04)),
      snippet: `${d.content.slice(0, 140)}…`,
      metadata: { category: d.category },
    }));
  const first = customer.name.split(" ")[0];
  const reply = `Hi ${first}, ${t.mood === "negative" ? "I'm sorry for the trouble. " : ""}${results[0]?.snippet.split(". ")[0] ?? "Thanks for your message"}. Let me know if anything is unclear.`;
  const score = round2(
    t.mood === "negative"
      ? rng.float(-0.8, -0.2)
      : t.mood === "positive"
        ? rng.float(0.3, 0.9)
        : rng.float(-0.08, 0.08),
  );
  const ticketUrl = `https://helpdesk.example.com/api/v2/tickets/${ticketId}`;
  return {
    input,
    outputs: {
      sentiment: {
        score,
        label: t.mood,
        sentences: [{ text: t.subject, start: 0, end: t.subject.length, score, label: t.mood }],
      },
      classify: {
        label: t.label,
        confidence: round2(rng.float(0.72, 0.99)),
        reason: `The message is about ${t.subject.toLowerCase()}.`,
      },
      search_kb: { query: `${t.subject} ${t.label}`, results },
      handoff: helpdesk("POST", `${ticketUrl}/assign`, { ticketId, queue: "specialists", assigned: true }),
      draft: { text: reply, model: "sandbox-smart", finishReason: "stop" },
      priority: { matched: [isUrgent ? "urgent" : "default"] },
      flag_urgent: helpdesk("PATCH", ticketUrl, { ticketId, priority: "urgent" }),
    },
    branches: { classify: t.label, priority: isUrgent ? "urgent" : "default" },
    finalOutput: {
      ticketId,
      topic: t.label,
      sentiment: t.mood,
      ...(isAnswerable ? { draftReply: reply, sources: results.map((r) => r.title) } : {}),
      priority: isUrgent ? "urgent" : "normal",
      handedOff: !isAnswerable,
    },
  };
};
