// What a PII detector reports. Offsets are UTF-16 code-unit indexes into the scanned string (`text.slice(start, end)`
// is `value`), so they line up with JavaScript string operations.

export const PII_TYPES = ["email", "phone", "card", "iban", "us_ssn", "ip_address", "secret"] as const;
export type TPiiType = (typeof PII_TYPES)[number];

export type TPiiDetection = { type: TPiiType; start: number; end: number; value: string };

/** A detector scans the whole text once and returns its candidates in any order; overlaps are resolved later. */
export type TPiiDetector = (text: string) => TPiiDetection[];

/** How a type reads in a placeholder (`[EMAIL_1]`) and in a reason (`an email address`). */
export const PII_LABELS: Record<TPiiType, { placeholder: string; words: string }> = {
  email: { placeholder: "EMAIL", words: "email address" },
  phone: { placeholder: "PHONE", words: "phone number" },
  card: { placeholder: "CARD", words: "payment card number" },
  iban: { placeholder: "IBAN", words: "IBAN" },
  us_ssn: { placeholder: "SSN", words: "US social security number" },
  ip_address: { placeholder: "IP", words: "IP address" },
  secret: { placeholder: "SECRET", words: "API key or secret" },
};
