// Isomorphic: what the policy API returns about one policy, its versions and their differences.
import type { TDocumentProblem } from "../policy/validate-document";
import type { TScopeKind } from "../policy/scope";

export type TPolicyScopeView = {
  kind: TScopeKind;
  /** The team, workflow, agent or API key id; null for the organisation. */
  targetId: string | null;
  /** Its name; null for the organisation, or when the target no longer exists. */
  targetName: string | null;
  /** The owning team (null for the organisation). */
  teamId: string | null;
  teamName: string | null;
  /** "Organisation", "Team Alpha", "Workflow Alpha triage (Alpha)", "API key ci-bot (Alpha)", "Workflow (deleted)". */
  label: string;
};

export type TPolicyVersionSummary = {
  number: number;
  note: string;
  createdAt: string;
  /** null when no person is recorded (the demo seed's version: isGenerated); "A former user" when they were deleted. */
  createdByName: string | null;
  /** Written by the demo seed, not published by a person. */
  isGenerated: boolean;
  isCurrent: boolean;
};

export type TPolicyVersionView = TPolicyVersionSummary & {
  /** The stored document as it is (when it does not parse, as stored, with its problems). */
  document: unknown;
  /** Empty when the document is valid; otherwise the engine refuses every call this policy covers while it is enabled. */
  problems: TDocumentProblem[];
};

export type TPolicyDetail = {
  id: string;
  name: string;
  description: string;
  isEnabled: boolean;
  scope: TPolicyScopeView;
  /** null: never published, so it enforces nothing. */
  currentVersion: TPolicyVersionView | null;
  /** The saved, unpublished draft (it passed validation when saved); null when there is none. */
  draft: { document: unknown; updatedAt: string; updatedByName: string | null } | null;
  /** Whether the caller may change it (the server checks every write anyway). */
  canWrite: boolean;
  createdAt: string;
  updatedAt: string;
};

/** One difference between two documents, at a path written as validation problems are (`content.patterns[0].flags`). */
export type TDocumentChange =
  | { kind: "added"; path: string; after: unknown }
  | { kind: "removed"; path: string; before: unknown }
  | { kind: "changed"; path: string; before: unknown; after: unknown };
