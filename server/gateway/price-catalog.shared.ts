// The shipped price catalog: well-known models of OpenAI, Anthropic, Google (Gemini API) and Mistral with their
// public list prices, so that adding a model by a known id fills in its prices and limits (Settings → Models) and a
// provider's model list can be priced when it is imported. Isomorphic data (no imports but types).
//
// Prices are USD per million tokens, standard tier (no batch or priority discounts): the vendors' public list prices
// (pricing pages named below) as known when this file was compiled, PRICE_CATALOG_AS_OF. They are not fetched at run
// time, so they may be out of date: they are defaults an admin checks and changes, never what a call is charged (that
// is the model's row in Settings → Models).
// cachedInputPricePerMTok is the price of input tokens read from the provider's prompt cache (OpenAI's cached input,
// Anthropic's cache reads, Gemini's context caching); null where the vendor lists none. Cache writes (Anthropic
// charges them above the input price) and storage are not modelled. Tiered prices (long prompts on Gemini 2.5 Pro
// and 3 Pro) are given at their base tier.
//
// Anthropic ids are the dated snapshots the API names, with their aliases; Mistral ids are dated versions, with a
// "-latest" alias only where every version it has pointed to had the same price.

import type { TModelCapability } from "./model-capabilities.shared";

export const PRICE_CATALOG_AS_OF = "2025-12";

export const PRICE_CATALOG_VENDORS = ["openai", "anthropic", "google", "mistral"] as const;
export type TPriceCatalogVendor = (typeof PRICE_CATALOG_VENDORS)[number];

export type TKnownModel = {
  vendor: TPriceCatalogVendor;
  /** The vendor's API model id. */
  name: string;
  /** Other ids the vendor's API accepts for the same model and price. */
  aliases: readonly string[];
  displayName: string;
  /** Decimal strings, USD per million tokens. */
  inputPricePerMTok: string;
  cachedInputPricePerMTok: string | null;
  outputPricePerMTok: string;
  contextWindow: number;
  maxOutputTokens: number | null;
  capabilities: readonly TModelCapability[];
};

const CHAT: TModelCapability[] = ["chat", "json_mode", "json_schema", "tools", "streaming"];
const VISION: TModelCapability[] = [...CHAT, "vision"];
const REASONING: TModelCapability[] = [...VISION, "reasoning"];
// Claude's API has no response_format: JSON comes from instructions or tool use.
const CLAUDE: TModelCapability[] = ["chat", "json_mode", "tools", "streaming", "vision"];
const EMBEDDINGS: TModelCapability[] = ["embeddings"];

type TPrices = [input: string, cachedInput: string | null, output: string];
type TLimits = [contextWindow: number, maxOutputTokens: number | null];

function known(
  vendor: TPriceCatalogVendor,
  [name, ...aliases]: [string, ...string[]],
  displayName: string,
  [inputPricePerMTok, cachedInputPricePerMTok, outputPricePerMTok]: TPrices,
  [contextWindow, maxOutputTokens]: TLimits,
  capabilities: TModelCapability[],
): TKnownModel {
  return {
    vendor,
    name,
    aliases,
    displayName,
    inputPricePerMTok,
    cachedInputPricePerMTok,
    outputPricePerMTok,
    contextWindow,
    maxOutputTokens,
    capabilities,
  };
}

const GPT_5: TLimits = [400_000, 128_000];
const GPT_4_1: TLimits = [1_047_576, 32_768];
const O_SERIES: TLimits = [200_000, 100_000];
const GEMINI: TLimits = [1_048_576, 65_536];
const CLAUDE_200K = 200_000;

export const PRICE_CATALOG: readonly TKnownModel[] = [
  // OpenAI — platform.openai.com/docs/pricing
  known("openai", ["gpt-5.1"], "GPT-5.1", ["1.25", "0.125", "10"], GPT_5, REASONING),
  known("openai", ["gpt-5"], "GPT-5", ["1.25", "0.125", "10"], GPT_5, REASONING),
  known("openai", ["gpt-5-mini"], "GPT-5 mini", ["0.25", "0.025", "2"], GPT_5, REASONING),
  known("openai", ["gpt-5-nano"], "GPT-5 nano", ["0.05", "0.005", "0.4"], GPT_5, REASONING),
  known("openai", ["gpt-4.1"], "GPT-4.1", ["2", "0.5", "8"], GPT_4_1, VISION),
  known("openai", ["gpt-4.1-mini"], "GPT-4.1 mini", ["0.4", "0.1", "1.6"], GPT_4_1, VISION),
  known("openai", ["gpt-4.1-nano"], "GPT-4.1 nano", ["0.1", "0.025", "0.4"], GPT_4_1, VISION),
  known("openai", ["gpt-4o"], "GPT-4o", ["2.5", "1.25", "10"], [128_000, 16_384], VISION),
  known("openai", ["gpt-4o-mini"], "GPT-4o mini", ["0.15", "0.075", "0.6"], [128_000, 16_384], VISION),
  known("openai", ["o3"], "o3", ["2", "0.5", "8"], O_SERIES, REASONING),
  known("openai", ["o3-mini"], "o3-mini", ["1.1", "0.55", "4.4"], O_SERIES, [...CHAT, "reasoning"]),
  known("openai", ["o4-mini"], "o4-mini", ["1.1", "0.275", "4.4"], O_SERIES, REASONING),
  known("openai", ["o1"], "o1", ["15", "7.5", "60"], O_SERIES, REASONING),
  known("openai", ["text-embedding-3-small"], "Text Embedding 3 Small", ["0.02", null, "0"], [8_191, null], EMBEDDINGS),
  known("openai", ["text-embedding-3-large"], "Text Embedding 3 Large", ["0.13", null, "0"], [8_191, null], EMBEDDINGS),

  // Anthropic — docs.anthropic.com/en/docs/about-claude/pricing (cache reads are a tenth of the input price)
  known("anthropic", ["claude-opus-4-5-20251101", "claude-opus-4-5"], "Claude Opus 4.5", ["5", "0.5", "25"], [CLAUDE_200K, 64_000], [...CLAUDE, "reasoning"]),
  known("anthropic", ["claude-opus-4-1-20250805", "claude-opus-4-1"], "Claude Opus 4.1", ["15", "1.5", "75"], [CLAUDE_200K, 32_000], [...CLAUDE, "reasoning"]),
  known("anthropic", ["claude-opus-4-20250514", "claude-opus-4-0"], "Claude Opus 4", ["15", "1.5", "75"], [CLAUDE_200K, 32_000], [...CLAUDE, "reasoning"]),
  known("anthropic", ["claude-sonnet-4-5-20250929", "claude-sonnet-4-5"], "Claude Sonnet 4.5", ["3", "0.3", "15"], [CLAUDE_200K, 64_000], [...CLAUDE, "reasoning"]),
  known("anthropic", ["claude-sonnet-4-20250514", "claude-sonnet-4-0"], "Claude Sonnet 4", ["3", "0.3", "15"], [CLAUDE_200K, 64_000], [...CLAUDE, "reasoning"]),
  known("anthropic", ["claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest"], "Claude Sonnet 3.7", ["3", "0.3", "15"], [CLAUDE_200K, 64_000], [...CLAUDE, "reasoning"]),
  known("anthropic", ["claude-haiku-4-5-20251001", "claude-haiku-4-5"], "Claude Haiku 4.5", ["1", "0.1", "5"], [CLAUDE_200K, 64_000], [...CLAUDE, "reasoning"]),
  known("anthropic", ["claude-3-5-haiku-20241022", "claude-3-5-haiku-latest"], "Claude Haiku 3.5", ["0.8", "0.08", "4"], [CLAUDE_200K, 8_192], ["chat", "json_mode", "tools", "streaming"]),
  known("anthropic", ["claude-3-haiku-20240307"], "Claude Haiku 3", ["0.25", "0.03", "1.25"], [CLAUDE_200K, 4_096], CLAUDE),

  // Google — ai.google.dev/gemini-api/docs/pricing (paid tier; context caching is the cached-input price)
  known("google", ["gemini-3-pro-preview"], "Gemini 3 Pro (preview)", ["2", "0.2", "12"], GEMINI, REASONING),
  known("google", ["gemini-2.5-pro"], "Gemini 2.5 Pro", ["1.25", "0.125", "10"], GEMINI, REASONING),
  known("google", ["gemini-2.5-flash"], "Gemini 2.5 Flash", ["0.3", "0.03", "2.5"], GEMINI, REASONING),
  known("google", ["gemini-2.5-flash-lite"], "Gemini 2.5 Flash-Lite", ["0.1", "0.01", "0.4"], GEMINI, REASONING),
  known("google", ["gemini-2.0-flash", "gemini-2.0-flash-001"], "Gemini 2.0 Flash", ["0.1", "0.025", "0.4"], [1_048_576, 8_192], VISION),
  known("google", ["gemini-2.0-flash-lite", "gemini-2.0-flash-lite-001"], "Gemini 2.0 Flash-Lite", ["0.075", null, "0.3"], [1_048_576, 8_192], VISION),
  known("google", ["gemini-embedding-001"], "Gemini Embedding", ["0.15", null, "0"], [2_048, null], EMBEDDINGS),

  // Mistral — mistral.ai/pricing (no cached-input price listed)
  known("mistral", ["mistral-large-2411"], "Mistral Large 2.1", ["2", null, "6"], [131_072, null], CHAT),
  known("mistral", ["mistral-medium-2508", "mistral-medium-latest"], "Mistral Medium 3.1", ["0.4", null, "2"], [131_072, null], VISION),
  known("mistral", ["mistral-medium-2505"], "Mistral Medium 3", ["0.4", null, "2"], [131_072, null], VISION),
  known("mistral", ["mistral-small-2506", "mistral-small-latest"], "Mistral Small 3.2", ["0.1", null, "0.3"], [131_072, null], VISION),
  known("mistral", ["codestral-2508", "codestral-latest"], "Codestral", ["0.3", null, "0.9"], [256_000, null], CHAT),
  known("mistral", ["pixtral-large-2411"], "Pixtral Large", ["2", null, "6"], [131_072, null], VISION),
  known("mistral", ["ministral-8b-2410", "ministral-8b-latest"], "Ministral 8B", ["0.1", null, "0.1"], [131_072, null], CHAT),
  known("mistral", ["ministral-3b-2410", "ministral-3b-latest"], "Ministral 3B", ["0.04", null, "0.04"], [131_072, null], CHAT),
  known("mistral", ["open-mistral-nemo-2407", "open-mistral-nemo"], "Mistral NeMo", ["0.15", null, "0.15"], [131_072, null], CHAT),
  known("mistral", ["mistral-embed"], "Mistral Embed", ["0.1", null, "0"], [8_192, null], EMBEDDINGS),
];

/** Which catalog vendor a provider kind calls; null for kinds that may serve anyone's models (or none of these). */
export function vendorOfProviderKind(kind: string): TPriceCatalogVendor | null {
  if (kind === "azure") return "openai";
  return (PRICE_CATALOG_VENDORS as readonly string[]).includes(kind) ? (kind as TPriceCatalogVendor) : null;
}

const byId = new Map<string, TKnownModel>();
for (const m of PRICE_CATALOG) for (const id of [m.name, ...m.aliases]) byId.set(id, m);

/**
 * The catalog entry for a provider's model id: by id or alias, ignoring the "models/" prefix Gemini's model list puts
 * before ids and a gateway's "<vendor>/" prefix (e.g. "openai/gpt-4o"). With a vendor, only that vendor's models.
 * Exact ids only: a dated snapshot not listed here (e.g. "gpt-4o-2024-05-13") may have had other prices.
 */
export function findKnownModel(modelId: string, vendor?: TPriceCatalogVendor | null): TKnownModel | undefined {
  let id = modelId.trim().replace(/^models\//, "");
  const slash = id.indexOf("/");
  if (slash > 0 && (PRICE_CATALOG_VENDORS as readonly string[]).includes(id.slice(0, slash))) id = id.slice(slash + 1);
  const found = byId.get(id);
  return found && (!vendor || found.vendor === vendor) ? found : undefined;
}
