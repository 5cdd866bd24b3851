// What a PII detector reports. Offsets are UTF-16 code-unit indexes into the scanned string (`text.slice(start, end)`
// is `value`), so they line up with JavaScript string operations.

export const PII_TYPES = ["email", "phone", "card", "iban", "us_ssn", "ip_address", "secret"] as const;
export type TPiiType = (typeof PII_TYPES)[number];

export type TPiiDetection = { type: TPiiType; start: number; end: number; value: string };

/** A detector scans the whole text once and returns its candidates in any order; overlaps are resolved later. */
export type TPiiDetector = (text: string) => TPiiDetection[];

/** How a type reads in a placeholder (`[EMAIL_1]`) and in a reason (`1 email address`, `2 email addresses`). */
export const PII_LABELS: Record<TPiiType, { placeholder: string; words: string; plural: string }> = {
  email: { placeholder: "EMAIL", words: "email address", plural: "email addresses" },
  phone: { placeholder: "PHONE", words: "phone number", plural: "phone numbers" },
  card: { placeholder: "CARD", words: "payment card number", plural: "payment card numbers" },
  iban: { placeholder: "IBAN", words: "IBAN", plural: "IBANs" },
  us_ssn: { placeholder: "SSN", words: "US social security number", plural: "US social security numbers" },
  ip_address: { placeholder: "IP", words: "IP address", plural: "IP addresses" },
  secret: { placeholder: "SECRET", words: "API key or secret", plural: "API keys or secrets" },
};
