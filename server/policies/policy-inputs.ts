// The bodies the policy API accepts (zod at the boundary). Documents themselves are checked by
// validatePolicyDocument (server/policy/validate-document.ts), which names every problem's path.
import { z } from "zod";
import { ZPolicyScopeInput } from "./policy-scope-target";

const ZName = z.string().trim().min(1, "Give the policy a name").max(120, "Keep the name under 120 characters");
const ZDescription = z.string().trim().max(2000, "Keep the description under 2,000 characters");
const ZNote = z.string().trim().max(500, "Keep the note under 500 characters");

export const ZCreatePolicy = z.strictObject({
  name: ZName,
  description: ZDescription.default(""),
  scope: ZPolicyScopeInput,
});
export type TCreatePolicy = z.infer<typeof ZCreatePolicy>;

export const ZUpdatePolicy = z
  .strictObject({ name: ZName.optional(), description: ZDescription.optional(), isEnabled: z.boolean().optional() })
  .refine((u) => u.name !== undefined || u.description !== undefined || u.isEnabled !== undefined, {
    message: "Send at least one of name, description or isEnabled",
  });
export type TUpdatePolicy = z.infer<typeof ZUpdatePolicy>;

/** `document` is any JSON: its problems are reported by validatePolicyDocument, each with its path. */
export const ZSaveDraft = z.strictObject({ document: z.unknown().refine((d) => d !== undefined, "Send the draft as `document`") });

export const ZPublishDraft = z.strictObject({
  note: ZNote.min(1, "Say what changed in a note"),
  /** The draft's updatedAt the publisher reviewed: refused if someone saved the draft since (409). */
  draftUpdatedAt: z.iso.datetime({ message: "draftUpdatedAt must be the draft's updatedAt as the API returned it" }).optional(),
});

export const ZSimulatePolicy = z.strictObject({
  /** A document to simulate; without one, the draft (or, without a draft, the current version). */
  document: z.unknown().optional(),
  limit: z.int("limit must be a whole number").min(1, "limit must be at least 1").max(500, "limit must be at most 500").default(50),
  /** Generated demo runs are simulated too (each marked isGenerated in the result) unless this is false. */
  includeGenerated: z.boolean().default(true),
});
