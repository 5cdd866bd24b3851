import type { TRng, TSampleHints } from "./sandbox-json";

// Strings for the Sandbox's structured output: JSON Schema formats, lengths, and words chosen by the property's
// name (a "summary" reads like a sentence about the conversation, a "name" like a person's name).

type TSchema = { [key: string]: unknown };

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const pick = <T>(rng: TRng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const FIRST_NAMES = ["Alex", "Sam", "Jordan", "Priya", "Chen", "Maria", "Tomás", "Aisha"];
const LAST_NAMES = ["Morgan", "Okafor", "Larsen", "Nakamura", "Silva", "Haddad", "Novak", "Reyes"];

export function sampleString(schema: TSchema, name: string, rng: TRng, hints: TSampleHints): string {
  const hex = () =>
    Math.floor(rng() * 0xffffffff)
      .toString(16)
      .padStart(8, "0");
  const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(rng() * 365) * 86_400_000);
  let value: string;
  switch (schema.format) {
    case "date-time":
      value = day.toISOString();
      break;
    case "date":
      value = day.toISOString().slice(0, 10);
      break;
    case "email":
      value = `${pick(rng, FIRST_NAMES).toLowerCase()}.${pick(rng, LAST_NAMES).toLowerCase()}@example.com`;
      break;
    case "uri":
    case "url":
      value = `https://example.com/${hex()}`;
      break;
    case "uuid":
      value = `${hex()}-${hex().slice(0, 4)}-4${hex().slice(0, 3)}-a${hex().slice(0, 3)}-${hex()}${hex().slice(0, 4)}`;
      break;
    default:
      value = stringForName(name, rng, hints, hex);
  }
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = num(schema.maxLength);
  while (value.length < minLength) value += ` ${hints.phrase()}`;
  return maxLength !== undefined ? value.slice(0, maxLength) : value;
}

function stringForName(name: string, rng: TRng, hints: TSampleHints, hex: () => string): string {
  if (
    /summary|description|reason|rationale|explanation|answer|reply|response|draft|message|analysis|note|body|text/i.test(
      name,
    )
  ) {
    return hints.sentence();
  }
  if (/sentiment|tone|mood/i.test(name)) return hints.sentiment();
  if (/label|category|class|intent|topic/i.test(name)) return hints.label() ?? hints.phrase();
  if (/(^|_)id$|Id$/.test(name)) return `${name.replace(/_?id$/i, "") || "id"}-${hex().slice(0, 6)}`;
  if (/name|person|owner|assignee/i.test(name)) return `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
  if (/lang/i.test(name)) return "en";
  if (/title|subject|headline/i.test(name)) return hints.phrase().replace(/^\w/, (c) => c.toUpperCase());
  return hints.phrase();
}
