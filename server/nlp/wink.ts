import type { ItemEntity, ItemSentence, ItsFunction, WinkMethods } from "wink-nlp";

// wink-nlp with its English lite model (shipped inside the npm package: no network, no download). Loading the
// model costs ~50 ms and a few MB, so it happens once per process, on first use, not at import time.

let loading: Promise<WinkMethods> | undefined;

export function loadNlp(): Promise<WinkMethods> {
  loading ??= (async () => {
    const [{ default: winkNLP }, { default: model }] = await Promise.all([
      import("wink-nlp"),
      import("wink-eng-lite-web-model"),
    ]);
    return winkNLP(model);
  })();
  return loading;
}

export type TToken = {
  /** The text as written. */
  value: string;
  /** Lower-cased, lemmatised form, for matching words regardless of inflection. */
  lemma: string;
  /** Porter stem of the normalised form ("charged", "charges" → "charg"): the loosest match between word forms. */
  stem: string;
  /** wink's token type: word, number, punctuation, email, url, emoji, … */
  type: string;
  isStopWord: boolean;
  start: number;
  end: number;
};

export type TSpan = { start: number; end: number };
export type TSentence = TSpan & { text: string; sentiment: number };
export type TNlpEntity = TSpan & { type: string; value: string };

export type TTextAnalysis = {
  text: string;
  tokens: TToken[];
  sentences: TSentence[];
  entities: TNlpEntity[];
  /** wink's document sentiment, -1 … 1. */
  sentiment: number;
};

const strings = (values: unknown): string[] => values as string[];

/** Tokens, sentences and entities of a text, with character offsets into it (wink itself reports token indices). */
export async function analyseText(text: string): Promise<TTextAnalysis> {
  const nlp = await loadNlp();
  const { its } = nlp;
  const doc = nlp.readDoc(text);
  const tokenList = doc.tokens();
  const values = strings(tokenList.out(its.value));
  const spaces = strings(tokenList.out(its.precedingSpaces));
  // wink's typings declare lemma with an extra `addons` parameter that its own `out` supplies.
  const lemmas = strings(tokenList.out(its.lemma as unknown as ItsFunction<string>));
  const stems = strings(tokenList.out(its.stem as unknown as ItsFunction<string>));
  const types = strings(tokenList.out(its.type));
  const stops = tokenList.out(its.stopWordFlag) as unknown as boolean[];

  // wink keeps every character (as preceding spaces or token values), so offsets are running sums.
  const tokens: TToken[] = [];
  let offset = 0;
  values.forEach((value, i) => {
    const start = offset + (spaces[i]?.length ?? 0);
    offset = start + value.length;
    tokens.push({
      value,
      lemma: (lemmas[i] ?? value).toLowerCase(),
      stem: (stems[i] ?? value).toLowerCase(),
      type: types[i] ?? "word",
      isStopWord: stops[i] === true,
      start,
      end: offset,
    });
  });

  const spanOf = (tokenSpan: number[]): TSpan => ({
    start: tokens[tokenSpan[0] ?? 0]?.start ?? 0,
    end: tokens[tokenSpan[1] ?? 0]?.end ?? 0,
  });

  const sentences: TSentence[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    // wink counts line breaks and tabs as tokens of the sentence they end or start; they are not part of it.
    const span = spanOf(sentence.out(its.span) as unknown as number[]);
    const raw = text.slice(span.start, span.end);
    const start = span.start + (raw.length - raw.trimStart().length);
    const trimmed = raw.trim();
    if (trimmed)
      sentences.push({
        start,
        end: start + trimmed.length,
        text: trimmed,
        sentiment: Number(sentence.out(its.sentiment)),
      });
  });

  const entities: TNlpEntity[] = [];
  doc.entities().each((entity: ItemEntity) => {
    const span = spanOf(entity.out(its.span) as unknown as number[]);
    entities.push({
      ...span,
      type: String(entity.out(its.type)).toLowerCase(),
      value: text.slice(span.start, span.end),
    });
  });

  return { text, tokens, sentences, entities, sentiment: Number(doc.out(its.sentiment)) };
}
