// The built-in model catalog: what the seed loads into Provider/Model and what the UI shows before any key is set.
// Isomorphic data (no imports but types): prices are decimal strings so they reach Prisma.Decimal without a float.
//
// Prices are the vendors' public list prices, standard (non-batch, uncached) tier, in USD per 1M tokens, as
// published on their pricing pages in July 2025 — platform.openai.com/docs/pricing,
// docs.anthropic.com/en/docs/about-claude/pricing and ai.google.dev/gemini-api/docs/pricing. Re-check them
// before relying on them for billing; an admin can edit prices per model in the UI.
// Tiered prices (Gemini 2.5 Pro above 200k prompt tokens) are stored at their base tier.
// Sandbox prices are nominal, chosen to look like a small and a large model so costs show up in demos.

import type { TModelCapability } from "./model-capabilities.shared";

export type { TModelCapability } from "./model-capabilities.shared";

export type TCatalogProviderKind = "sandbox" | "openai" | "anthropic" | "google";

export type TCatalogModel = {
  provider: TCatalogProviderKind;
  name: string;
  displayName: string;
  inputPricePerMTok: string;
  outputPricePerMTok: string;
  contextWindow: number;
  maxOutputTokens: number | null;
  capabilities: TModelCapability[];
};

const CHAT: TModelCapability[] = ["chat", "json_mode", "json_schema", "tools", "streaming"];
const VISION: TModelCapability[] = [...CHAT, "vision"];
const REASONING: TModelCapability[] = [...VISION, "reasoning"];
// Claude's API has no response_format: JSON comes from instructions or tool use, so no json_schema here.
const CLAUDE: TModelCapability[] = ["chat", "json_mode", "tools", "streaming", "vision"];

export const CATALOG_PRICES_AS_OF = "2025-07";

/** provider, API model id, display name, $ in / $ out per 1M tokens, context window, max output, capabilities */
function model(
  provider: TCatalogProviderKind,
  name: string,
  displayName: string,
  [inputPricePerMTok, outputPricePerMTok]: [string, string],
  [contextWindow, maxOutputTokens]: [number, number | null],
  capabilities: TModelCapability[],
): TCatalogModel {
  return {
    provider,
    name,
    displayName,
    inputPricePerMTok,
    outputPricePerMTok,
    contextWindow,
    maxOutputTokens,
    capabilities,
  };
}

export const MODEL_CATALOG: readonly TCatalogModel[] = [
  // Sandbox (simulated): always available, no key; nominal prices of a small and a large model.
  model("sandbox", "sandbox-fast", "Sandbox Fast", ["0.15", "0.6"], [128_000, 16_384], CHAT),
  model("sandbox", "sandbox-smart", "Sandbox Smart", ["2.5", "10"], [200_000, 32_768], CHAT),
  // OpenAI
  model("openai", "gpt-4o", "GPT-4o", ["2.5", "10"], [128_000, 16_384], VISION),
  model("openai", "gpt-4o-mini", "GPT-4o mini", ["0.15", "0.6"], [128_000, 16_384], VISION),
  model("openai", "gpt-4.1", "GPT-4.1", ["2", "8"], [1_047_576, 32_768], VISION),
  model("openai", "gpt-4.1-mini", "GPT-4.1 mini", ["0.4", "1.6"], [1_047_576, 32_768], VISION),
  model("openai", "gpt-4.1-nano", "GPT-4.1 nano", ["0.1", "0.4"], [1_047_576, 32_768], VISION),
  model("openai", "o3-mini", "o3-mini", ["1.1", "4.4"], [200_000, 100_000], [...CHAT, "reasoning"]),
  model("openai", "o4-mini", "o4-mini", ["1.1", "4.4"], [200_000, 100_000], REASONING),
  model("openai", "text-embedding-3-small", "Text Embedding 3 Small", ["0.02", "0"], [8_191, null], ["embeddings"]),
  // Anthropic: dated snapshot ids, as the API names them
  model(
    "anthropic",
    "claude-3-5-haiku-20241022",
    "Claude Haiku 3.5",
    ["0.8", "4"],
    [200_000, 8_192],
    ["chat", "json_mode", "tools", "streaming"],
  ),
  model(
    "anthropic",
    "claude-3-7-sonnet-20250219",
    "Claude Sonnet 3.7",
    ["3", "15"],
    [200_000, 64_000],
    [...CLAUDE, "reasoning"],
  ),
  model(
    "anthropic",
    "claude-sonnet-4-20250514",
    "Claude Sonnet 4",
    ["3", "15"],
    [200_000, 64_000],
    [...CLAUDE, "reasoning"],
  ),
  model(
    "anthropic",
    "claude-opus-4-20250514",
    "Claude Opus 4",
    ["15", "75"],
    [200_000, 32_000],
    [...CLAUDE, "reasoning"],
  ),
  // Google (Gemini API)
  model("google", "gemini-2.0-flash", "Gemini 2.0 Flash", ["0.1", "0.4"], [1_048_576, 8_192], VISION),
  model("google", "gemini-2.5-flash", "Gemini 2.5 Flash", ["0.3", "2.5"], [1_048_576, 65_536], REASONING),
  model("google", "gemini-2.5-pro", "Gemini 2.5 Pro", ["1.25", "10"], [1_048_576, 65_536], REASONING),
];

export function catalogModelsFor(provider: TCatalogProviderKind): TCatalogModel[] {
  return MODEL_CATALOG.filter((m) => m.provider === provider);
}

export function findCatalogModel(name: string): TCatalogModel | undefined {
  return MODEL_CATALOG.find((m) => m.name === name);
}

export const CATALOG_MODEL_NAMES: readonly string[] = MODEL_CATALOG.map((m) => m.name);
