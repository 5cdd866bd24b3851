// One detector per PII type. Each is a single left-to-right regular-expression scan whose patterns are bounded (every
// repetition has an upper limit, and a lookbehind stops a scan from restarting inside a run it already refused), so
// the work per character is constant and a scan is linear in the text. Candidates the pattern cannot judge alone
// (check digits, country lengths, reserved numbers, entropy) are confirmed in code.
//
// What each detector reports, and what it deliberately leaves alone:
// - email: local part of 1–64 characters, a domain of dot-separated labels ending in a 2–24 letter top-level domain.
// - phone: (a) international — `+`, then 8–15 digits in all (E.164's maximum), in groups separated by single spaces,
//   dots or dashes, a group may be in parentheses (`+44 (0)20 7946 0958`); (b) North American — 3-3-4 digits with
//   separators (`415-555-0132`, `415.555.0132`, `(415) 555-0132`, optional leading `1 `/`+1 `), area code and
//   exchange starting 2–9. Not reported: a bare run of digits (`4155550132` is as likely an order number), anything
//   inside a longer group of digits (card numbers are 4-4-4-4), dates (`2024-01-15` is 4-2-2, not 3-3-4).
// - card: 13–19 digits, optionally separated by single spaces or dashes, not part of a longer digit run nor glued
//   to letters (`ORDER4111111111111111` is an identifier), Luhn-valid.
// - iban: two capital letters, two check digits, then exactly the country's length (table in checksums.ts) of capital
//   letters and digits, optionally in space-separated groups; the ISO 7064 mod-97 checksum must hold. Lower case is
//   not reported.
// - us_ssn: 3-2-4 digits separated by the same dash or space (a bare 9-digit run is not reported: ZIP+4 codes and
//   record ids look the same), excluding the numbers the SSA never issues: area 000, 666 or 900–999, group 00,
//   serial 0000.
// - ip_address: IPv4 dotted quads with octets 0–255 (not inside a longer dotted run such as `1.2.3.4.5`; a
//   four-part version number such as `1.2.3.4` looks the same and is reported); IPv6 in
//   full, `::`-compressed or IPv4-suffixed form, with at least two colons.
// - secret: known key prefixes (SECRET_PREFIXES), and "high-entropy tokens": runs of at least
//   MIN_ENTROPY_TOKEN_LENGTH characters from the base64/base64url alphabet that contain a lower-case letter, an
//   upper-case letter and a digit, and whose Shannon entropy is at least MIN_ENTROPY_BITS_PER_CHAR bits per character.
//   Runs longer than 4096 characters (encoded files, not keys) are not reported.
//   Random base62/base64 keys score ~4.5–5; English words, paths and identifiers ~3–4; hexadecimal (hashes, UUIDs,
//   commit ids) can score at most 4 and has no upper case, so it is not reported unless it carries a known prefix.
import { isIbanValid, isLuhnValid, IBAN_LENGTHS } from "./checksums";
import type { TPiiDetection, TPiiDetector, TPiiType } from "./types";

export const MIN_ENTROPY_TOKEN_LENGTH = 32;
export const MIN_ENTROPY_BITS_PER_CHAR = 4.2;

const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const PHONE_INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}(?![ .-]?\d)/g;
const PHONE_NANP = /(?<![\w+]|\d[ .-])(?:(?:\+?1[ .-]?)?)(?:\([2-9]\d\d\) ?|[2-9]\d\d[ .-])[2-9]\d\d[ .-]\d{4}(?![ .-]?\d)/g;
const CARD = /(?<!\w|\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d|\w)/g;
const IBAN_START = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?=[ ]?[A-Z0-9])/g;
const SSN = /(?<![\d-]|\d )(\d{3})([- ])(\d{2})\2(\d{4})(?![\d]|[- ]\d)/g;
const IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4_OCTETS = `(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}`;
const IPV4 = new RegExp(`(?<![\\d.])${IPV4_OCTETS}(?!\\.?\\d)`, "g");
const IPV4_WHOLE = new RegExp(`^${IPV4_OCTETS}$`);
const IPV6_CANDIDATE = /(?<![0-9A-Fa-f:.])[0-9A-Fa-f:.]{2,45}(?![0-9A-Fa-f:.])/g;

/** Known secret formats; each pattern includes its own body so the reported span covers the whole key. */
export const SECRET_PREFIXES: readonly { name: string; pattern: string }[] = [
  { name: "OpenAI / Anthropic key (sk-…)", pattern: "sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,200}" },
  { name: "Stripe secret key", pattern: "[sr]k_(?:live|test)_[A-Za-z0-9]{16,200}" },
  { name: "GitHub token", pattern: "gh[pousr]_[A-Za-z0-9]{36,255}" },
  { name: "GitHub fine-grained token", pattern: "github_pat_[A-Za-z0-9_]{22,255}" },
  { name: "GitLab token", pattern: "glpat-[A-Za-z0-9_-]{20,100}" },
  { name: "Slack token", pattern: "xox[abposr]-[A-Za-z0-9-]{10,250}" },
  { name: "AWS access key id", pattern: "(?:AKIA|ASIA)[0-9A-Z]{16}" },
  { name: "Google API key", pattern: "AIza[0-9A-Za-z_-]{35}" },
  { name: "private key block", pattern: "-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----" },
];
const SECRET_PREFIX = new RegExp(
  `(?<![A-Za-z0-9_-])(?:${SECRET_PREFIXES.map((p) => p.pattern).join("|")})(?![A-Za-z0-9_-])`,
  "g",
);
const ENTROPY_TOKEN = new RegExp(`(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{${MIN_ENTROPY_TOKEN_LENGTH},4096}(?![A-Za-z0-9+/=_-])`, "g");

function scan(text: string, pattern: RegExp, type: TPiiType, accept: (m: RegExpExecArray) => boolean = () => true) {
  const found: TPiiDetection[] = [];
  for (const m of text.matchAll(pattern)) {
    if (accept(m)) found.push({ type, start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  return found;
}

const digitsOf = (s: string): string => s.replace(/\D/g, "");

export const detectEmail: TPiiDetector = (text) => scan(text, EMAIL, "email");

export const detectPhone: TPiiDetector = (text) => [
  ...scan(text, PHONE_INTERNATIONAL, "phone", (m) => {
    const n = digitsOf(m[0]).length;
    return n >= 8 && n <= 15;
  }),
  ...scan(text, PHONE_NANP, "phone"),
];

export const detectCard: TPiiDetector = (text) => scan(text, CARD, "card", (m) => isLuhnValid(digitsOf(m[0])));

export const detectIban: TPiiDetector = (text) => {
  const found: TPiiDetection[] = [];
  for (const m of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2)];
    if (length === undefined) continue;
    const end = readIbanBody(text, m.index + 4, length - 4);
    if (end === null) continue;
    const value = text.slice(m.index, end);
    if (isIbanValid(value.replace(/ /g, ""))) found.push({ type: "iban", start: m.index, end, value });
  }
  return found;
};

/** Reads exactly `count` capitals/digits from `from`, allowing one space between characters; null if it cannot, or
 * if the IBAN would run on into more letters or digits. */
function readIbanBody(text: string, from: number, count: number): number | null {
  let i = from;
  let read = 0;
  while (read < count) {
    if (text[i] === " " && read > 0 && isIbanChar(text[i + 1])) i += 1;
    else if (read === 0 && text[i] === " " && isIbanChar(text[i + 1])) i += 1;
    if (!isIbanChar(text[i])) return null;
    i += 1;
    read += 1;
  }
  return isAlnum(text[i]) ? null : i;
}

const isIbanChar = (c: string | undefined): boolean => c !== undefined && ((c >= "A" && c <= "Z") || (c >= "0" && c <= "9"));
const isAlnum = (c: string | undefined): boolean => isIbanChar(c) || (c !== undefined && c >= "a" && c <= "z");

export const detectUsSsn: TPiiDetector = (text) =>
  scan(text, SSN, "us_ssn", (m) => {
    const [area, group, serial] = [m[1]!, m[3]!, m[4]!];
    return area !== "000" && area !== "666" && area[0] !== "9" && group !== "00" && serial !== "0000";
  });

export const detectIpAddress: TPiiDetector = (text) => [
  ...scan(text, IPV4, "ip_address"),
  ...scan(text, IPV6_CANDIDATE, "ip_address", (m) => isIpv6(m[0])),
];

export function isIpv6(candidate: string): boolean {
  if ((candidate.match(/:/g) ?? []).length < 2) return false;
  let s = candidate;
  const lastColon = s.lastIndexOf(":");
  if (s.includes(".")) {
    // An IPv4 suffix stands for the last two hextets.
    if (!IPV4_WHOLE.test(s.slice(lastColon + 1))) return false;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const isHextet = (g: string): boolean => /^[0-9A-Fa-f]{1,4}$/.test(g);
  const compressed = s.indexOf("::");
  if (compressed === -1) {
    const groups = s.split(":");
    return groups.length === 8 && groups.every(isHextet);
  }
  if (compressed !== s.lastIndexOf("::")) return false;
  const head = s.slice(0, compressed);
  const tail = s.slice(compressed + 2);
  const parts = [...(head ? head.split(":") : []), ...(tail ? tail.split(":") : [])];
  return parts.length <= 7 && parts.every(isHextet);
}

export const detectSecret: TPiiDetector = (text) => [
  ...scan(text, SECRET_PREFIX, "secret"),
  ...scan(text, ENTROPY_TOKEN, "secret", (m) => isHighEntropyToken(m[0])),
];

export function isHighEntropyToken(token: string): boolean {
  if (token.length < MIN_ENTROPY_TOKEN_LENGTH) return false;
  // A token with slashes is a path (URL or file) unless one of its segments looks random on its own: base64 secrets
  // carry an occasional "/" between long random runs, paths carry words and ids between many.
  if (token.includes("/") && !token.split("/").some((s) => s.length >= 20 && /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s))) return false;
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/\d/.test(token)) return false;
  return shannonEntropy(token) >= MIN_ENTROPY_BITS_PER_CHAR;
}

/** Bits per character of the string's own character distribution. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  const n = [...s].length;
  for (const count of counts.values()) {
    const p = count / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export const DETECTORS: Record<TPiiType, TPiiDetector> = {
  email: detectEmail,
  phone: detectPhone,
  card: detectCard,
  iban: detectIban,
  us_ssn: detectUsSsn,
  ip_address: detectIpAddress,
  secret: detectSecret,
};
