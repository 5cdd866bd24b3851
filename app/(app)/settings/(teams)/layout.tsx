import type { ReactNode } from "react";
import { requirePage } from "@/app/_lib/auth";

// Teams and Users are team administration: checked here, above this group's loading boundary, so a builder (who may
// open Settings for API keys) gets an HTTP 403 on them by URL rather than a 403 page rendered with status 200. Each page
// checks again.
export default async function TeamSettingsLayout({ children }: { children: ReactNode }) {
  await requirePage("team:administer");
  return children;
}
