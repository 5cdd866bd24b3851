// Runs the detectors and resolves overlaps, so every character belongs to at most one detection.
//
// Overlap rule (deterministic, independent of detector order): candidates are taken longest first; among equally long
// ones the more specific type first (SPECIFICITY: checksum-verified before pattern-only); then the earlier start. A
// candidate overlapping one already taken is dropped. The result is sorted by start.
import { DETECTORS } from "./detectors";
import { PII_TYPES, type TPiiDetection, type TPiiType } from "./types";

/** Most specific first: a check digit or a fixed prefix proves more than a shape does. */
export const SPECIFICITY: readonly TPiiType[] = ["card", "iban", "secret", "us_ssn", "email", "ip_address", "phone"];
const RANK = new Map(SPECIFICITY.map((t, i) => [t, i]));

export function detectPii(text: string, types: readonly TPiiType[] = PII_TYPES): TPiiDetection[] {
  const candidates = types.flatMap((t) => DETECTORS[t](text));
  return resolveOverlaps(candidates, text.length);
}

export function resolveOverlaps(candidates: TPiiDetection[], textLength: number): TPiiDetection[] {
  if (candidates.length <= 1) return candidates;
  const ordered = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) || (RANK.get(a.type) ?? 0) - (RANK.get(b.type) ?? 0) || a.start - b.start,
  );
  // One byte per character: checking and marking a span costs its length, so resolution stays linear in the text.
  const taken = new Uint8Array(textLength);
  const kept: TPiiDetection[] = [];
  for (const c of ordered) {
    let isFree = true;
    for (let i = c.start; i < c.end && isFree; i += 1) isFree = taken[i] === 0;
    if (!isFree) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
