import { analyseText, type TToken } from "./wink";

// A transparent local classifier: each label's vocabulary is the words of its id and description (stemmed, stop
// words dropped); a text scores, per label, the sum over its words found in that vocabulary of
//     occurrences × log(1 + labels / labels sharing the word)
// so words that tell labels apart weigh more than words every label has. The best score wins; confidence is its
// share of all scores. No match at all → no label (the node's fallback). Deterministic and offline.

export type TLabelSpec = { id: string; description: string };
export type TLabelScore = { label: string; score: number; matched: string[] };
export type TKeywordClassification = {
  label: string | null;
  confidence: number;
  reason: string;
  scores: TLabelScore[];
};

const isContentWord = (t: TToken) => !t.isStopWord && t.type === "word" && t.stem.length >= 2;

type TVocabulary = { id: string; stems: Map<string, string> };
const vocabularyCache = new Map<string, Promise<TVocabulary[]>>();
const VOCABULARY_CACHE_LIMIT = 200;

/** Stem → the word as first written, per label; cached because the same labels classify every run. */
function vocabularies(labels: readonly TLabelSpec[]): Promise<TVocabulary[]> {
  const key = JSON.stringify(labels);
  let hit = vocabularyCache.get(key);
  if (!hit) {
    hit = Promise.all(
      labels.map(async (label) => {
        const analysis = await analyseText(`${label.id.replace(/[_-]+/g, " ")}. ${label.description}`);
        const stems = new Map<string, string>();
        for (const token of analysis.tokens.filter(isContentWord))
          if (!stems.has(token.stem)) stems.set(token.stem, token.value.toLowerCase());
        return { id: label.id, stems };
      }),
    );
    vocabularyCache.set(key, hit);
    if (vocabularyCache.size > VOCABULARY_CACHE_LIMIT)
      vocabularyCache.delete(vocabularyCache.keys().next().value as string);
  }
  return hit;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function classifyByKeywords(text: string, labels: readonly TLabelSpec[]): Promise<TKeywordClassification> {
  const vocab = await vocabularies(labels);
  const counts = new Map<string, number>();
  for (const token of (await analyseText(text)).tokens.filter(isContentWord))
    counts.set(token.stem, (counts.get(token.stem) ?? 0) + 1);

  const sharing = (stem: string) => vocab.filter((v) => v.stems.has(stem)).length;
  const scores: TLabelScore[] = vocab.map((v) => {
    let score = 0;
    const matched: string[] = [];
    for (const [stem, word] of v.stems) {
      const n = counts.get(stem);
      if (!n) continue;
      score += n * Math.log(1 + vocab.length / sharing(stem));
      matched.push(word);
    }
    return { label: v.id, score: round2(score), matched };
  });

  const total = scores.reduce((sum, s) => sum + s.score, 0);
  // Ties go to the label listed first: reduce keeps the earlier one unless a later one is strictly better.
  const best = scores.reduce<TLabelScore | null>((top, s) => (s.score > (top?.score ?? 0) ? s : top), null);
  if (!best || total === 0) {
    return {
      label: null,
      confidence: 0,
      reason: "No word of the text matches any label's name or description.",
      scores,
    };
  }
  const words = best.matched.map((w) => `"${w}"`).join(", ");
  return {
    label: best.label,
    confidence: round2(best.score / total),
    reason: `Matched ${words} for ${best.label}.`,
    scores,
  };
}
