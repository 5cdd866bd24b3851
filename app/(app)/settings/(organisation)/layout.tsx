import type { ReactNode } from "react";
import { requirePage } from "@/app/_lib/auth";

// Providers, Models, Engine and Organisation are organisation-wide: checked here, above this group's loading boundary, so a team
// admin who opens one by URL gets an HTTP 403 (the Settings layout above only checks team administration, and a
// check inside a Suspense boundary could only render the 403 page with status 200). Each page checks again.
export default async function OrganisationSettingsLayout({ children }: { children: ReactNode }) {
  await requirePage("settings:read");
  return children;
}
