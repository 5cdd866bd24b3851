import type { ReactNode } from "react";
import { requirePage } from "@/app/_lib/auth";

// The workflow editor fills the window: it has its own toolbar with a way back, so it is rendered without the app
// shell (whose sidebar would be hidden underneath it and still render and prefetch every section).
export default async function EditorLayout({ children }: { children: ReactNode }) {
  await requirePage("workflow:read");
  return children;
}
