// Checksums and validity rules that turn "looks like a card number" into "is a card number", so the PII
// detectors do not flag order numbers, timestamps and the like.

/** Luhn (mod 10) check over a string of digits, as used by every payment card network. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// Leading digits and lengths per card network (ISO/IEC 7812 IIN ranges in common use).
const CARD_NETWORKS: { prefix: RegExp; lengths: number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(?:5[1-5]|2[2-7])/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^3[068]/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^35/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^6/, lengths: [16, 17, 18, 19] }, // Discover, UnionPay, Maestro
];

/** Payment card: a known network's leading digits and length, and a valid Luhn checksum. */
export function isCardNumber(digits: string): boolean {
  const network = CARD_NETWORKS.find((n) => n.prefix.test(digits));
  return network !== undefined && network.lengths.includes(digits.length) && isLuhnValid(digits);
}

// Lengths per ISO 13616 country code for the countries that use IBANs most; others only need 15–34 characters.
const IBAN_LENGTHS: Record<string, number> = {
  AT: 20,
  BE: 16,
  CH: 21,
  CZ: 24,
  DE: 22,
  DK: 18,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  IE: 22,
  IT: 27,
  LU: 20,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  SE: 24,
};

/** IBAN: country code, two check digits, and the ISO 7064 mod-97 checksum equal to 1. */
export function isIbanValid(raw: string): boolean {
  const iban = raw.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= "A" ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/** US SSN in AAA-GG-SSSS form; area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
export function isUsSsn(value: string): boolean {
  const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(value);
  if (!m) return false;
  const [, area = "", group = "", serial = ""] = m;
  return area !== "000" && area !== "666" && area[0] !== "9" && group !== "00" && serial !== "0000";
}

/** Shannon entropy in bits per character: separates random secrets from words in `token=` assignments. */
export function entropyPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
