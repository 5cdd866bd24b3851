// Isomorphic: what the team and membership API accepts (app/api/teams/**), also used by the Settings forms to check
// their fields before sending them.
import { z } from "zod";
import { ROLE_LABELS, ROLES, type TRole } from "../auth/permissions";

export const TEAM_NAME_MAX = 80;
export const TEAM_SLUG_MAX = 48;
export const TEAM_DESCRIPTION_MAX = 500;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ZTeamName = z
  .string()
  .trim()
  .min(1, "Give the team a name")
  .max(TEAM_NAME_MAX, `Keep the name under ${TEAM_NAME_MAX} characters`);

export const ZTeamSlug = z
  .string()
  .trim()
  .max(TEAM_SLUG_MAX, `Keep the slug under ${TEAM_SLUG_MAX} characters`)
  .regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens (e.g. risk-ops)");

const ZTeamDescription = z.string().trim().max(TEAM_DESCRIPTION_MAX, `Keep the description under ${TEAM_DESCRIPTION_MAX} characters`);

/** POST /api/teams. Without a slug, one is made from the name (numbered when taken). */
export const ZTeamCreate = z.strictObject({
  name: ZTeamName,
  slug: ZTeamSlug.optional(),
  description: ZTeamDescription.optional(),
});
export type TTeamCreate = z.infer<typeof ZTeamCreate>;

/**
 * PATCH /api/teams/:id: name and description (the team's admins), archived or not (organisation admins). The slug
 * never changes once made: configuration such as OIDC_DEFAULT_TEAM names teams by it.
 */
export const ZTeamUpdate = z
  .strictObject({ name: ZTeamName.optional(), description: ZTeamDescription.optional(), isArchived: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.isArchived !== undefined, {
    message: "Send at least one of name, description and isArchived",
  });
export type TTeamUpdate = z.infer<typeof ZTeamUpdate>;

const ROLE_CHOICES = `${ROLES.slice(0, -1).join(", ")} or ${ROLES.at(-1)}`;

/** A team role, refused by name when it does not exist (`Unknown role "owner": …`). */
export const ZRole = z.string({ error: `Choose a role: ${ROLE_CHOICES}.` }).transform((value, ctx): TRole => {
  if ((ROLES as readonly string[]).includes(value)) return value as TRole;
  ctx.addIssue({ code: "custom", message: `Unknown role "${value.slice(0, 40)}": choose ${ROLE_CHOICES}.` });
  return z.NEVER;
});

const ZEmail = z.string().trim().toLowerCase().max(320, "Enter a valid email address").pipe(z.email("Enter a valid email address"));

/** POST /api/teams/:id/members: the person by email (anyone with an account) or by user id. */
export const ZMemberAdd = z
  .strictObject({ email: ZEmail.optional(), userId: z.string().trim().min(1).max(64).optional(), role: ZRole })
  .refine((v) => (v.email === undefined) !== (v.userId === undefined), {
    message: "Name the person by email or by userId (one of them)",
    path: ["email"],
  });
export type TMemberAdd = z.input<typeof ZMemberAdd>;

/** PATCH /api/teams/:id/members/:userId. */
export const ZMemberUpdate = z.strictObject({ role: ZRole });

/** Role choices for the forms. */
export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** A slug made from a name: lowercase ASCII letters and digits joined by single hyphens ("Fraud Ops — EMEA" → "fraud-ops-emea"). */
export function slugFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, TEAM_SLUG_MAX - 4)
    .replace(/-+$/g, "");
  return slug || "team";
}
