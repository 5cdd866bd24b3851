// Serializable props passed from the server layout to the client shell.
export type TShellNavItem = { href: string; label: string; icon: string; badge?: number };

export type TShellUser = {
  name: string;
  email: string;
  /** Shown in the account menu: organisation-wide powers come from this, not from a team role. */
  isOrgAdmin: boolean;
  memberships: { teamName: string; roleLabel: string }[];
};
