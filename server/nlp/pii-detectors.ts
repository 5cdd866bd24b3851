import { entropyPerChar, isCardNumber, isIbanValid, isUsSsn } from "./pii-checks";
import type { TPiiKind } from "./pii";

// The patterns behind detectPii, one list per kind. A pattern finds candidates; `isValid` (checksums, ranges,
// entropy) decides. Patterns must not match the empty string.

export type TDetector = {
  pattern: RegExp;
  isValid?: (value: string) => boolean;
  /** Capture group holding the value (default: the whole match). */
  group?: number;
  /** Grouped numbers run into neighbouring digits ("card 4111 … 1111 2024"): also try the value cut at a separator. */
  canShrink?: boolean;
};

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

// Well-known credential formats, then a generic `key = value` assignment whose value looks random.
const SECRET_PATTERNS = [
  "sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}", // OpenAI, Anthropic
  "(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{36}", // GitHub tokens
  "github_pat_[A-Za-z0-9_]{50,}",
  "xox[abprs]-[A-Za-z0-9-]{10,}", // Slack
  "(?:AKIA|ASIA)[0-9A-Z]{16}", // AWS access key id
  "AIza[0-9A-Za-z_-]{35}", // Google API key
  "(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}", // Stripe
  "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", // JWT
  "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----",
];

export const DETECTORS: Record<TPiiKind, TDetector[]> = {
  secret: [
    { pattern: new RegExp(`(?<![\\w-])(?:${SECRET_PATTERNS.join("|")})`, "g") },
    {
      pattern:
        /\b(?:api[_-]?key|secret|token|password|passwd|access[_-]?key)["']?\s*[:=]\s*["']?([A-Za-z0-9_\-./+=]{16,})/gi,
      group: 1,
      isValid: (value) => entropyPerChar(value) >= 3.5,
    },
  ],
  email: [{ pattern: /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g }],
  credit_card: [
    {
      // Written as printed on cards: one run of digits, groups of four (16–19 digits) or 4-6-5 (Amex, Diners).
      // The networks' leading digits are checked in the pattern so other digit runs are skipped cheaply.
      pattern:
        /(?<![\d-])(?=4|5[1-5]|2[2-7]|3[04578]|6)(?:\d{13,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{4,5})(?![\d-])/g,
      isValid: (v) => isCardNumber(v.replace(/[ -]/g, "")),
      canShrink: true,
    },
  ],
  iban: [
    { pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g, isValid: isIbanValid, canShrink: true },
  ],
  us_ssn: [{ pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g, isValid: isUsSsn }],
  ipv4: [{ pattern: new RegExp(`(?<![\\d.])(?:${OCTET}\\.){3}${OCTET}(?!\\.?\\d)`, "g") }],
  phone: [
    {
      // International (+country code) or national numbers written in groups: "+1 415-555-0132", "(415) 555 0132".
      pattern: /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,5}){1,5}(?![\w-])/g,
      isValid: (value) => {
        const digits = value.replace(/\D/g, "").length;
        const isGrouped = /^\+|\(|[ .-]\d{3,}/.test(value);
        // ISO dates and SSN-shaped numbers share the shape; they are not phone numbers.
        return digits >= 7 && digits <= 15 && isGrouped && !/^\d{4}-\d{2}-\d{2}$|^\d{3}-\d{2}-\d{4}$/.test(value);
      },
    },
  ],
};
