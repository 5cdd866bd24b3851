// Isomorphic: the entity types wink's English lite model recognises, for the Entities node's settings.

export const NLP_ENTITY_TYPES = [
  "date",
  "time",
  "duration",
  "money",
  "percent",
  "url",
  "email",
  "hashtag",
  "mention",
  "emoji",
  "emoticon",
  "ordinal",
  "cardinal",
] as const;
export type TNlpEntityType = (typeof NLP_ENTITY_TYPES)[number];

/** Plain numbers and emoji are noise for most workflows; they can be switched on per node. */
export const DEFAULT_NLP_ENTITY_TYPES: readonly TNlpEntityType[] = [
  "date",
  "time",
  "duration",
  "money",
  "percent",
  "url",
  "email",
  "hashtag",
  "mention",
];
