// Isomorphic: where a person chooses their password, and how the page is told where to go afterwards.
export const PASSWORD_PAGE = "/account/password";

/** The password page, then `next` (a same-origin path; "/" is left out as it is where the page goes anyway). */
export function passwordPagePath(next: string): string {
  return next && next !== "/" ? `${PASSWORD_PAGE}?callbackUrl=${encodeURIComponent(next)}` : PASSWORD_PAGE;
}
