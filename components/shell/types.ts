// Serializable props passed from the server layout to the client shell.
export type TShellNavItem = { href: string; label: string; icon: string; badge?: number };

export type TShellUser = {
  name: string;
  email: string;
  memberships: { teamName: string; roleLabel: string }[];
};
