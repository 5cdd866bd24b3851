// The strings inside a JSON value (not its keys), in document order; what content and PII rules read.

const MAX_DEPTH = 200;

export function collectStrings(value: unknown): string[] {
  const out: string[] = [];
  walk(value, out, 0);
  return out;
}

function walk(value: unknown, out: string[], depth: number): void {
  if (typeof value === "string") out.push(value);
  else if (value === null || typeof value !== "object" || depth >= MAX_DEPTH) return;
  else if (Array.isArray(value)) for (const v of value) walk(v, out, depth + 1);
  else for (const v of Object.values(value)) walk(v, out, depth + 1);
}
