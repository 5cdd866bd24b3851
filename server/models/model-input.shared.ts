// Isomorphic: what an admin sends to add or change a model (the API's bodies and the Settings → Models form), checked
// with zod in the browser as they type and again on the server, which also checks the provider and duplicates.
import { z } from "zod";
import { MODEL_CAPABILITIES, type TModelCapability } from "../gateway/model-capabilities.shared";

/** Above this a price per million tokens is a typo (the priciest models cost a few hundred dollars). */
export const MAX_PRICE_PER_MTOK = 10_000;
/** The scale of the price columns (Decimal(12, 6)). */
export const PRICE_DECIMALS = 6;
/** Above every model's context window today (10M tokens) with room to spare. */
export const MAX_CONTEXT_WINDOW = 100_000_000;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/;
const REGION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._:/-]*$/u;

export const PRICE_FIELDS = ["inputPricePerMTok", "outputPricePerMTok", "cachedInputPricePerMTok"] as const;
export type TPriceField = (typeof PRICE_FIELDS)[number];
export const PRICE_LABELS: Record<TPriceField, string> = {
  inputPricePerMTok: "input price",
  outputPricePerMTok: "output price",
  cachedInputPricePerMTok: "cached-input price",
};

/** The problem with a price as typed ("2.5", or a JSON number), or null when it is a valid price. */
export function priceProblem(value: string, label: string): string | null {
  if (value === "") return `Enter the ${label} in US dollars per million tokens, e.g. 2.5.`;
  if (/^-\s*\d*\.?\d+$/.test(value)) return `The ${label} cannot be negative.`;
  if (!/^\d+(\.\d+)?$/.test(value))
    return `Enter the ${label} as a number of US dollars per million tokens, e.g. 2.5 (no currency sign).`;
  const decimals = value.split(".")[1]?.length ?? 0;
  if (decimals > PRICE_DECIMALS) return `The ${label} has at most ${PRICE_DECIMALS} decimals, e.g. 0.075.`;
  if (Number(value) > MAX_PRICE_PER_MTOK) {
    return `The ${label} must be at most $${MAX_PRICE_PER_MTOK.toLocaleString("en")} per million tokens: $${value} looks like a typo (the priciest models cost a few hundred).`;
  }
  return null;
}

function price(field: TPriceField) {
  const label = PRICE_LABELS[field];
  return z
    .union([z.string(), z.number()], { error: `Enter the ${label} in US dollars per million tokens, e.g. "2.5".` })
    .transform((v, ctx) => {
      const text = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : v.trim();
      const problem = priceProblem(text, label);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      // A valid price, without leading zeros ("007.50" → "7.50"), as the exact decimal text the column stores.
      return text.replace(/^0+(?=\d)/, "");
    });
}

function tokens(what: string, example: string) {
  const message = `The ${what} is a whole number of tokens, e.g. ${example}.`;
  return z
    .number({ error: message })
    .int(message)
    .min(1, `The ${what} must be at least 1 token.`)
    .max(MAX_CONTEXT_WINDOW, `The ${what} must be at most ${MAX_CONTEXT_WINDOW.toLocaleString("en")} tokens.`);
}

const ZCapabilities = z
  .array(z.string({ error: `Each capability is one of ${MODEL_CAPABILITIES.join(", ")}.` }), {
    error: `List the capabilities, each one of ${MODEL_CAPABILITIES.join(", ")}.`,
  })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (!(MODEL_CAPABILITIES as readonly string[]).includes(c)) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `Unknown capability "${c}": use ${MODEL_CAPABILITIES.join(", ")}.`,
        });
      } else if (seen.has(c))
        ctx.addIssue({ code: "custom", path: [i], message: `The capability "${c}" is listed twice.` });
      seen.add(c);
    });
  })
  .transform((list) => list as TModelCapability[]);

const ZTags = z
  .array(z.string({ error: "Each tag is text, e.g. approved." }), {
    error: 'List the tags as text, e.g. ["approved"].',
  })
  .max(MAX_TAGS, `A model has at most ${MAX_TAGS} tags.`)
  .transform((list) => list.map((t) => t.trim()))
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const at = { code: "custom" as const, path: [i] };
      if (t === "") ctx.addIssue({ ...at, message: "A tag cannot be empty." });
      else if (t.length > MAX_TAG_LENGTH)
        ctx.addIssue({ ...at, message: `The tag "${t.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters.` });
      else if (!TAG_PATTERN.test(t))
        ctx.addIssue({
          ...at,
          message: `The tag "${t}" may use letters, digits, spaces and . _ : / - only (no commas).`,
        });
      else if (seen.has(t.toLowerCase())) ctx.addIssue({ ...at, message: `The tag "${t}" is listed twice.` });
      seen.add(t.toLowerCase());
    });
  });

const ZName = z
  .string({ error: "Enter the provider's model id, e.g. gpt-4o-mini." })
  .trim()
  .min(1, "Enter the provider's model id, e.g. gpt-4o-mini.")
  .max(200, "A model id has at most 200 characters.")
  .regex(
    MODEL_ID_PATTERN,
    "A model id is the provider's id, without spaces, e.g. gpt-4o-mini or claude-sonnet-4-5-20250929.",
  );

const ZDisplayName = z
  .string({ error: "Give the model a display name, e.g. GPT-4o mini." })
  .trim()
  .min(1, "Give the model a display name, e.g. GPT-4o mini.")
  .max(120, "A display name has at most 120 characters.");

/** Empty means unknown. */
const ZRegion = z
  .string({ error: "Enter the region as text, e.g. eu or us-east-1, or leave it empty." })
  .trim()
  .max(64, "A region has at most 64 characters.")
  .transform((v) => (v === "" ? null : v))
  .refine(
    (v) => v === null || REGION_PATTERN.test(v),
    "A region is one word such as eu, us or us-east-1 (letters, digits, . _ -).",
  )
  .nullable();

const fields = {
  name: ZName,
  displayName: ZDisplayName,
  inputPricePerMTok: price("inputPricePerMTok"),
  outputPricePerMTok: price("outputPricePerMTok"),
  /** null: cached input tokens are charged at the input price. */
  cachedInputPricePerMTok: price("cachedInputPricePerMTok").nullable(),
  contextWindow: tokens("context window", "128000"),
  /** null: the model declares no output limit of its own. */
  maxOutputTokens: tokens("max output", "16384").nullable(),
  capabilities: ZCapabilities,
  region: ZRegion,
  tags: ZTags,
  isEnabled: z.boolean({ error: "isEnabled is true or false." }),
};

/** The output limit fits in the context window (checked on the whole model, after a change is applied). */
export function limitsProblem(contextWindow: number, maxOutputTokens: number | null): string | null {
  return maxOutputTokens !== null && maxOutputTokens > contextWindow
    ? `The max output (${maxOutputTokens.toLocaleString("en")} tokens) cannot exceed the context window (${contextWindow.toLocaleString("en")}).`
    : null;
}

export const ZModelCreate = z
  .strictObject({
    providerId: z
      .string({ error: "Choose the provider that serves the model." })
      .trim()
      .min(1, "Choose the provider that serves the model.")
      .max(100),
    ...fields,
    cachedInputPricePerMTok: fields.cachedInputPricePerMTok.optional(),
    maxOutputTokens: fields.maxOutputTokens.optional(),
    capabilities: fields.capabilities.optional(),
    region: fields.region.optional(),
    tags: fields.tags.optional(),
    isEnabled: fields.isEnabled.optional(),
  })
  .superRefine((v, ctx) => {
    const problem = limitsProblem(v.contextWindow, v.maxOutputTokens ?? null);
    if (problem) ctx.addIssue({ code: "custom", path: ["maxOutputTokens"], message: problem });
  });
export type TModelCreate = z.infer<typeof ZModelCreate>;

const PROVIDER_IS_FIXED =
  "A model's provider cannot change: add the model to the other provider instead (and delete or disable this one).";

/** A change to some fields; the provider is fixed (add the model to the other provider instead). */
export const ZModelPatch = z
  .strictObject(
    {
      name: fields.name.optional(),
      displayName: fields.displayName.optional(),
      inputPricePerMTok: fields.inputPricePerMTok.optional(),
      outputPricePerMTok: fields.outputPricePerMTok.optional(),
      cachedInputPricePerMTok: fields.cachedInputPricePerMTok.optional(),
      contextWindow: fields.contextWindow.optional(),
      maxOutputTokens: fields.maxOutputTokens.optional(),
      capabilities: fields.capabilities.optional(),
      region: fields.region.optional(),
      tags: fields.tags.optional(),
      isEnabled: fields.isEnabled.optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" && issue.keys.includes("providerId") ? PROVIDER_IS_FIXED : undefined,
    },
  )
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Send at least one field to change.");
export type TModelPatch = z.infer<typeof ZModelPatch>;
