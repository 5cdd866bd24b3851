import type { ReactNode } from "react";
import { requirePage } from "@/app/_lib/auth";

// Checked here, above this section's loading boundary, so a refusal is sent as HTTP 403 before streaming starts
// (a check inside a Suspense boundary can only render the 403 page with status 200). The page checks again.
export default async function InboxLayout({ children }: { children: ReactNode }) {
  await requirePage("approval:read");
  return children;
}
