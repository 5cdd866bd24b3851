// Isomorphic: what a model can do, as the catalog, the seed and Settings → Models name it. A model's capabilities
// are declared by the admin (or the catalog): Baton stores and shows them, it does not probe the provider.

export const MODEL_CAPABILITIES = [
  "chat",
  "json_mode",
  "json_schema",
  "tools",
  "vision",
  "reasoning",
  "embeddings",
  "streaming",
] as const;

export type TModelCapability = (typeof MODEL_CAPABILITIES)[number];

export const CAPABILITY_LABELS: Record<TModelCapability, string> = {
  chat: "Chat",
  json_mode: "JSON mode",
  json_schema: "JSON schema output",
  tools: "Tool calls",
  vision: "Images in",
  reasoning: "Reasoning",
  embeddings: "Embeddings",
  streaming: "Streaming",
};
