// Models wrap JSON in prose and code fences even when asked not to: find the JSON value in an answer.

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

export type TJsonExtraction = { isOk: true; value: unknown } | { isOk: false; error: string };

const FENCE = /```(?:json|JSON)?[ \t]*\r?\n?([\s\S]*?)```/g;

function tryParse(text: string): { isOk: true; value: unknown } | null {
  try {
    return { isOk: true, value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/**
 * The JSON value in a model's answer: the whole answer, else the first fenced code block that parses, else the
 * outermost {…} or […] span (models like to add a sentence around the object).
 */
export function extractJson(text: string): TJsonExtraction {
  const whole = tryParse(text.trim());
  if (whole) return whole;
  for (const match of text.matchAll(FENCE)) {
    const fenced = tryParse((match[1] ?? "").trim());
    if (fenced) return fenced;
  }
  for (const [open, close] of [
    ["{", "}"],
    ["[", "]"],
  ] as const) {
    const start = text.indexOf(open);
    const end = text.lastIndexOf(close);
    if (start >= 0 && end > start) {
      const span = tryParse(text.slice(start, end + 1));
      if (span) return span;
    }
  }
  const preview = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return { isOk: false, error: `The answer is not JSON (nor does it contain a JSON block): ${show(preview)}` };
}
