// Isomorphic: what the user API accepts and returns (app/api/users/**, app/api/me/password), also used by the
// Settings → Users forms and the password page to check their fields before sending them.
import { z } from "zod";
import { ZRole } from "../teams/team-input.shared";

export const CREDENTIAL_KINDS = ["one_time_password", "sign_in_link"] as const;
export type TCredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const CREDENTIAL_LABELS: Record<TCredentialKind, string> = {
  one_time_password: "One-time password",
  sign_in_link: "One-time sign-in link",
};

/** How long a one-time sign-in link stays valid. */
export const SIGN_IN_LINK_HOURS = 24;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

const ZCredentialKind = z.enum(CREDENTIAL_KINDS, { error: "Choose a one-time password or a one-time sign-in link" });

export const ZPersonName = z.string().trim().min(1, "Enter the person's name").max(100, "Keep the name under 100 characters");
export const ZEmail = z.string().trim().toLowerCase().max(320, "Enter a valid email address").pipe(z.email("Enter a valid email address"));

/** POST /api/users: a person, their first team and role, and how they sign in the first time. */
export const ZUserCreate = z.strictObject({
  name: ZPersonName,
  email: ZEmail,
  teamId: z.string({ error: "Choose a team" }).trim().min(1, "Choose a team").max(64),
  role: ZRole,
  credential: ZCredentialKind,
});
export type TUserCreate = z.input<typeof ZUserCreate>;

/**
 * PATCH /api/users/:id (organisation admins): name and email; `isActive` false disables the account (its sessions
 * end, sign-in is refused); `isOrgAdmin`; `issueCredential` replaces the password with a new one-time password or
 * sign-in link (shown once in the answer).
 */
export const ZUserUpdate = z
  .strictObject({
    name: ZPersonName.optional(),
    email: ZEmail.optional(),
    isActive: z.boolean().optional(),
    isOrgAdmin: z.boolean().optional(),
    issueCredential: ZCredentialKind.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "Send at least one of name, email, isActive, isOrgAdmin and issueCredential",
  });
export type TUserUpdate = z.input<typeof ZUserUpdate>;

export const ZNewPassword = z
  .string({ error: "Choose a new password" })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Keep it under ${PASSWORD_MAX} characters`);

/** POST /api/me/password. The current password is not asked while the account's password is a one-time one. */
export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().max(PASSWORD_MAX).optional(),
  newPassword: ZNewPassword,
});
export type TPasswordChange = z.input<typeof ZPasswordChange>;

/** A one-time credential, in the answer that made it and nowhere else: Baton keeps only hashes and sends no email. */
export type TOneTimeSecret =
  | { kind: "one_time_password"; password: string }
  | { kind: "sign_in_link"; url: string; expiresAt: string };

export type TUserRecord = {
  id: string;
  name: string;
  email: string;
  isActive: boolean;
  isOrgAdmin: boolean;
  isPasswordChangeRequired: boolean;
  hasSso: boolean;
  lastSignInAt: string | null;
  createdAt: string;
};
