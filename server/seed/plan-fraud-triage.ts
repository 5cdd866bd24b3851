import { decideApproval, round2, type TDemoTemplate } from "./demo-template";

// Card transactions and how each one's triage plays out. Deterministic for a given generator state.

export const FRAUD_APPROVAL: NonNullable<TDemoTemplate["approval"]> = {
  nodeId: "review",
  slaMinutes: 240,
  decisionMinutes: [6, 300],
  title: (plan) => {
    const t = plan.input.transaction as { id: string; amount: number; currency: string };
    return `High-risk transaction ${t.id}: ${t.amount} ${t.currency}`;
  },
  details: (plan) => {
    const score = (plan.outputs.score as { json: { risk: number; reasons: string[] } }).json;
    return { risk: score.risk, reasons: score.reasons, transaction: plan.input.transaction };
  },
};

const MERCHANTS = [
  { name: "Electro World", mcc: "5732", country: "DE" },
  { name: "Fresh Basket Groceries", mcc: "5411", country: "FR" },
  { name: "SkyHigh Airlines", mcc: "4511", country: "IE" },
  { name: "Luxe Timepieces", mcc: "5944", country: "CH" },
  { name: "GameVault Online", mcc: "5816", country: "MT" },
  { name: "Metro Fuel", mcc: "5541", country: "NL" },
  { name: "CryptoSwap Exchange", mcc: "6051", country: "SC" },
];
const CUSTOMERS = ["Jana Novak", "Luis Ortega", "Mei Tanaka", "Omar Haddad", "Sofia Rossi", "Tom Becker"];

export const planFraudTriage: TDemoTemplate["plan"] = (rng, at) => {
  const merchant = rng.pick(MERCHANTS);
  // Mostly domestic spend; a card from another country is one of the classic risk signals.
  const cardCountry = rng.chance(0.7)
    ? merchant.country
    : rng.pick(["DE", "FR", "NL", "US"].filter((c) => c !== merchant.country));
  const amount = round2(
    rng.weighted([
      [rng.float(4, 80), 6],
      [rng.float(80, 600), 3],
      [rng.float(600, 9000), 1],
    ] as const),
  );
  const isNewDevice = rng.chance(0.2);
  const velocity1h = rng.weighted([
    [1, 8],
    [rng.int(2, 4), 2],
    [rng.int(5, 12), 1],
  ] as const);
  const avgSpend = round2(rng.float(35, 220));
  const signals =
    (merchant.country !== cardCountry ? 0.3 : 0) +
    (isNewDevice ? 0.3 : 0) +
    (amount > avgSpend * 8 ? 0.35 : 0) +
    (velocity1h >= 5 ? 0.3 : 0) +
    (merchant.mcc === "6051" || merchant.mcc === "5944" ? 0.18 : 0);
  const risk = Math.min(0.99, round2(0.03 + signals + rng.float(0, 0.25)));
  const id = `txn_${rng.hex(12)}`;
  const customer = rng.pick(CUSTOMERS);
  const reasons = [
    merchant.country !== cardCountry && `Merchant country ${merchant.country} differs from card country ${cardCountry}`,
    isNewDevice && "First transaction from this device",
    amount > avgSpend * 8 && "Amount far above the customer's usual spend",
    velocity1h >= 5 && `${velocity1h} transactions in the last hour`,
  ].filter((r): r is string => typeof r === "string");
  const level = risk > 0.8 ? "high" : risk > 0.5 ? "medium" : "low";
  const isHigh = risk > 0.8;
  const approval = decideApproval(rng, FRAUD_APPROVAL, 0.72, {
    approved: "Pattern matches card testing; freezing.",
    rejected: "Customer confirmed the purchase by phone.",
  });
  // Confirmed, or nobody decided in time: an unreviewed high-risk card stays frozen.
  const isCaseOpened = isHigh && approval.handle !== "rejected";
  const caseId = `CASE-${rng.int(20_000, 99_999)}`;
  const note = rng.chance(0.2) ? `Customer ${customer} called about travelling next week.` : "";
  const input = {
    transaction: {
      id,
      amount,
      currency: "EUR",
      merchant,
      card: { last4: String(rng.int(1000, 9999)), country: cardCountry },
      channel: rng.pick(["ecommerce", "pos", "contactless"]),
      isNewDevice,
      velocity1h,
      description: `Card payment to ${merchant.name}`,
      occurredAt: new Date(at.getTime() - rng.int(1, 20) * 1000).toISOString(),
    },
    customer: { id: `cus_${rng.hex(8)}`, name: customer, avgSpend, note },
  };
  const json = {
    risk,
    level,
    reasons: reasons.length > 0 ? reasons : ["No unusual signals"],
    recommendedAction: isHigh ? "block" : level === "medium" ? "review" : "clear",
  };
  const review = approval.output;
  const personCount = note ? 1 : 0;
  return {
    input,
    outputs: {
      extract: {
        entities: personCount
          ? [
              {
                type: "date",
                value: "next week",
                start: note.indexOf("next week"),
                end: note.indexOf("next week") + 9,
                source: "nlp",
              },
            ]
          : [],
        hasPii: false,
        piiCounts: {},
        redactedText: `Card payment to ${merchant.name}\n${note}`,
      },
      score: { text: JSON.stringify(json), json, model: "sandbox-smart", finishReason: "stop" },
      risk_gate: { result: isHigh },
      review,
      open_case: {
        status: 201,
        headers: { "content-type": "application/json" },
        body: { caseId, status: "open" },
        durationMs: 0,
        request: { method: "POST", url: "https://cases.example.com/api/v1/cases", headers: {} },
      },
      auto_clear: { decision: "cleared", transactionId: id, risk },
      release: {
        decision: "released_after_review",
        transactionId: id,
        reviewer: review.decidedBy,
        comment: review.comment,
      },
    },
    branches: { risk_gate: isHigh ? "true" : "false", review: approval.handle },
    approvalDelayMs: approval.delayMs,
    finalOutput: {
      transactionId: id,
      risk,
      decision: !isHigh ? "cleared" : isCaseOpened ? "case_opened" : "released_after_review",
      ...(isCaseOpened ? { caseId } : {}),
    },
  };
};
