import { analyseText } from "./wink";

// Sentiment with wink's lexicon-based scorer (handles negation, e.g. "not good"), per text and per sentence.

export type TSentimentLabel = "negative" | "neutral" | "positive";
export type TSentimentThresholds = { negative: number; positive: number };
export const DEFAULT_SENTIMENT_THRESHOLDS: TSentimentThresholds = { negative: -0.1, positive: 0.1 };

export type TSentenceSentiment = { text: string; start: number; end: number; score: number; label: TSentimentLabel };
export type TSentimentResult = { score: number; label: TSentimentLabel; sentences: TSentenceSentiment[] };

/** negative at or below `negative`, positive at or above `positive`, neutral in between. */
export function sentimentLabel(
  score: number,
  thresholds: TSentimentThresholds = DEFAULT_SENTIMENT_THRESHOLDS,
): TSentimentLabel {
  if (score <= thresholds.negative) return "negative";
  if (score >= thresholds.positive) return "positive";
  return "neutral";
}

// Four decimals: wink's scores carry float noise (-0.6439999999999999) that would only clutter step outputs.
const round = (n: number) => Math.round(n * 10_000) / 10_000;

export async function analyseSentiment(
  text: string,
  thresholds: TSentimentThresholds = DEFAULT_SENTIMENT_THRESHOLDS,
): Promise<TSentimentResult> {
  if (text.trim() === "") return { score: 0, label: "neutral", sentences: [] };
  const analysis = await analyseText(text);
  const score = round(analysis.sentiment);
  return {
    score,
    label: sentimentLabel(score, thresholds),
    sentences: analysis.sentences.map((s) => {
      const sentenceScore = round(s.sentiment);
      return {
        text: s.text,
        start: s.start,
        end: s.end,
        score: sentenceScore,
        label: sentimentLabel(sentenceScore, thresholds),
      };
    }),
  };
}
