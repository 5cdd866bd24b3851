// The policy engine (framework-free): documents, scopes, PII detection and redaction, and the evaluator. Called by the
// governance layer (server/governance/) around every model and tool call of the run engine.
export { evaluatePost, evaluatePre, refusedModel } from "./evaluate";
export { DECISIONS, SEVERITY, type TDecisionKind, type TFiredRule, type TPolicyDecision } from "./decision";
export { ZPolicyDocument, type TPolicyDocument, type TRuleKind } from "./document";
export { formatProblems, validatePolicyDocument, type TDocumentProblem } from "./validate-document";
export { scopeCovers, selectPolicies, SCOPE_KINDS, type TPolicyScope, type TResolvedPolicy } from "./scope";
export type { TBudgetState, TModelRef, TPolicyActor, TPostInput, TPreInput, TToolCall } from "./input";
export * from "./pii";
