import { messageText, type TTokenizableMessage } from "./tokenizer";
import { sampleFromSchema, type TRng, type TSampleHints } from "./sandbox-json";

// What the Sandbox "says": plausible, deterministic text built from the conversation itself, so demos read well
// without a model. Classification prompts that list labels get one label; JSON modes get a conforming object;
// anything else gets a short summary-style answer about the last user message.

export type TSandboxResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name?: string; schema?: Record<string, unknown> } };

type TSentiment = "positive" | "neutral" | "negative";

export type TPromptAnalysis = {
  lastUser: string;
  labels: string[] | null;
  /** Words of each label's description when the prompt gives one ("- billing: invoices, refunds…"). */
  labelWords: Record<string, string[]>;
  isSentimentTask: boolean;
  keywords: string[];
};

const LABEL_LIST =
  /(?:labels?|categories|category|classes|intents?|one of)\b[^:\n]{0,40}?(?::|\bare\b|=)?\s*\[?([A-Za-z_][\w -]{0,40}(?:\s*(?:,|\||\/|\bor\b)\s*["'`]?[A-Za-z_][\w -]{0,40}["'`]?){1,30})/i;
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s*["'`]?([A-Za-z_][\w -]{0,40}?)["'`]?\s*(?:[:–-].*)?$/;

/** Labels a classification prompt asks to choose from, e.g. "Labels: billing, technical, account, other". */
export function extractLabels(text: string): string[] | null {
  const inline = LABEL_LIST.exec(text)?.[1];
  const fromInline = inline
    ?.split(/\s*(?:,|\||\/|\bor\b)\s*/i)
    .map((l) => l.replace(/["'`.\]]/g, "").trim())
    .filter((l) => l.length > 0 && l.split(" ").length <= 3);
  if (fromInline && fromInline.length >= 2) return unique(fromInline);
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /label|categor|class|intent/i.test(l));
  if (start < 0) return null;
  const bullets: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = BULLET.exec(line);
    if (!m?.[1]) break;
    bullets.push(m[1].trim());
  }
  return bullets.length >= 2 ? unique(bullets) : null;
}

const unique = (items: string[]) => [...new Set(items)];

const STOPWORDS = new Set(
  "a an the and or but if of to in on at by for with from as is are was were be been it its this that these those i me my we our you your he she they them their please can could would should will just not no do does did have has had there here what which who how when where why about into than then so very also any some all more most such only own same too over under again out up down off our us am".split(
    " ",
  ),
);

export function analysePrompt(messages: readonly TTokenizableMessage[]): TPromptAnalysis {
  const texts = messages.map((m) => ({ role: m.role, text: messageText(m.content) }));
  const lastUser = [...texts].reverse().find((t) => t.role === "user")?.text ?? texts.at(-1)?.text ?? "";
  const instructions = texts.filter((t) => t.role === "system" || t.role === "developer").map((t) => t.text);
  const labels = extractLabels([...instructions, lastUser].join("\n"));
  const isSentimentTask = !labels && /sentiment/i.test(texts.map((t) => t.text).join("\n"));
  return {
    lastUser,
    labels: labels ?? (isSentimentTask ? ["positive", "neutral", "negative"] : null),
    labelWords: labels ? labelDescriptions(instructions.join("\n"), labels) : {},
    isSentimentTask,
    keywords: keywordsOf(lastUser),
  };
}

function keywordsOf(text: string): string[] {
  const counts = new Map<string, { word: string; n: number }>();
  for (const word of text.match(/[A-Za-z][A-Za-z'-]{2,}/g) ?? []) {
    const key = word.toLowerCase();
    if (STOPWORDS.has(key)) continue;
    const entry = counts.get(key) ?? { word, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  // Map iteration keeps first-seen order and the sort is stable, so ties resolve the same way every time.
  return [...counts.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, 5)
    .map((e) => e.word);
}

const POSITIVE =
  /\b(thanks?|thank you|great|love|happy|excellent|perfect|amazing|resolved|appreciate|awesome|good)\b/gi;
const NEGATIVE =
  /\b(angry|terrible|broken|worst|frustrat\w*|cancel\w*|unacceptable|twice|not working|bad|disappoint\w*|error|fail\w*|refund|complain\w*|still waiting|awful)\b/gi;

export function sentimentOf(text: string): TSentiment {
  const score = (text.match(POSITIVE)?.length ?? 0) - (text.match(NEGATIVE)?.length ?? 0);
  return score > 0 ? "positive" : score < 0 ? "negative" : "neutral";
}

// Words that suggest a label even when the label itself is not in the text.
const LABEL_HINTS: Record<string, RegExp> = {
  billing: /\b(invoice|charge[ds]?|payment|refund|bill|price|subscription|card)\b/gi,
  technical: /\b(error|bug|crash\w*|broken|not working|timeout|install\w*|sync|app|api)\b/gi,
  account: /\b(password|login|log in|sign in|email address|profile|2fa|locked|username)\b/gi,
  fraud: /\b(unauthori[sz]ed|stolen|suspicious|didn't make|did not make)\b/gi,
};

/** "- billing: Invoices, payments…" lines of a prompt, as significant words per listed label. */
export function labelDescriptions(text: string, labels: string[]): Record<string, string[]> {
  const words: Record<string, string[]> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*(?:[-*•]|\d+[.)])\s*["'`]?([\w -]{1,40}?)["'`]?\s*[:–-]\s*(.+)$/.exec(line);
    const label = m?.[1] && labels.find((l) => l.toLowerCase() === m[1]?.trim().toLowerCase());
    if (!label || !m?.[2]) continue;
    words[label] = (m[2].toLowerCase().match(/[a-z]{4,}/g) ?? [])
      .filter((w) => !STOPWORDS.has(w))
      .map((w) => w.replace(/s$/, ""));
  }
  return words;
}

export function chooseLabel(
  labels: string[],
  text: string,
  rng: TRng,
  labelWords: Record<string, string[]> = {},
): string {
  const lower = text.toLowerCase();
  let best: string | null = null;
  let bestScore = 0;
  for (const label of labels) {
    const key = label.toLowerCase();
    const direct = lower.split(key).length - 1;
    const described = (labelWords[label] ?? []).filter((w) => lower.includes(w)).length;
    const score = direct * 2 + described + (LABEL_HINTS[key] ? (text.match(LABEL_HINTS[key]) ?? []).length : 0);
    if (score > bestScore) [best, bestScore] = [label, score];
  }
  if (labels.some((l) => l.toLowerCase() === "positive")) {
    const s = sentimentOf(text);
    return labels.find((l) => l.toLowerCase() === s) ?? best ?? (labels[0] as string);
  }
  return best ?? (labels[Math.floor(rng() * labels.length)] as string);
}

const OPENERS = ["In short:", "Summary:", "Here is the gist:", "Key takeaway:"];
const INSIGHTS = [
  "Nothing in the message contradicts the information already on file.",
  "The details provided are specific enough to act on without a follow-up question.",
  "The tone suggests the matter is time-sensitive.",
  "A similar pattern appears in earlier requests of this kind.",
];
const NEXT_STEPS = [
  "Confirm the details with the requester and proceed.",
  "Route it to the owning team with this summary attached.",
  "Log the outcome so the decision is traceable.",
  "No further action is needed beyond an acknowledgement.",
];

const pick = <T>(rng: TRng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

function excerpt(text: string): string {
  const first = (text.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? "").trim();
  return first.length > 160 ? `${first.slice(0, 157).trimEnd()}…` : first;
}

export function makeHints(analysis: TPromptAnalysis, rng: TRng): TSampleHints {
  let chosen: string | null | undefined;
  const topic = analysis.keywords.slice(0, 2).join(" and ") || "the request";
  return {
    label: () =>
      (chosen ??= analysis.labels ? chooseLabel(analysis.labels, analysis.lastUser, rng, analysis.labelWords) : null),
    sentiment: () => sentimentOf(analysis.lastUser),
    sentence: () => `The message concerns ${topic}. ${pick(rng, INSIGHTS)}`,
    phrase: () => (analysis.keywords.length > 0 ? pick(rng, analysis.keywords) : "general enquiry"),
  };
}

/** The assistant message content for a request, before any max_tokens truncation. */
export function generateContent(
  messages: readonly TTokenizableMessage[],
  format: TSandboxResponseFormat | undefined,
  rng: TRng,
): string {
  const analysis = analysePrompt(messages);
  const hints = makeHints(analysis, rng);
  if (format?.type === "json_schema")
    return JSON.stringify(sampleFromSchema(format.json_schema.schema ?? {}, rng, hints));
  if (format?.type === "json_object") {
    if (analysis.labels)
      return JSON.stringify({ label: hints.label(), confidence: Math.round((0.7 + rng() * 0.29) * 100) / 100 });
    return JSON.stringify({
      summary: hints.sentence(),
      keywords: analysis.keywords.slice(0, 3),
      confidence: Math.round((0.6 + rng() * 0.35) * 100) / 100,
    });
  }
  if (analysis.labels) return hints.label() ?? "";
  const topic = analysis.keywords.slice(0, 3).join(", ");
  const gist = excerpt(analysis.lastUser);
  return [
    `${pick(rng, OPENERS)} ${gist ? `“${gist}”` : "an empty request."}`,
    topic ? `The main topics are ${topic}. ${pick(rng, INSIGHTS)}` : pick(rng, INSIGHTS),
    `Suggested next step: ${pick(rng, NEXT_STEPS)}`,
  ].join("\n\n");
}
