export { PII_LABELS, PII_TYPES, type TPiiDetection, type TPiiType } from "./types";
export { detectPii } from "./scan";
export { createVault, redact, restore, type TPiiVault, type TRedaction } from "./redact";
export { redactJson, restoreJson, type TJsonDetection, type TJsonRedaction } from "./redact-json";
