// Isomorphic: what the policy editor checks in the browser as the person types — the same validation the API runs
// before it saves a draft (validate-document.ts), so a problem is shown with its path before anything is sent. The
// modules re-exported here import nothing server-only (eslint.config.mjs lists them as isomorphic).
export { validatePolicyDocument, type TDocumentProblem } from "../policy/validate-document";
export {
  APPROVAL_PER,
  DATA_CLASSIFICATIONS,
  DEFAULT_APPROVAL_PER,
  PII_ACTIONS,
  RECORD_PROMPTS,
  RESTORE_POINTS,
  RISK_CLASSES,
  ROLES,
  type TApprovalPer,
  type TDataClassification,
  type TPolicyDocument,
} from "../policy/document";
export { PII_LABELS, PII_TYPES, type TPiiType } from "../policy/pii/types";
export { ALLOWED_PATTERN_FLAGS, MAX_PATTERN_LENGTH } from "../policy/regex-guard";
export { SCOPE_KINDS, type TScopeKind } from "../policy/scope";
