import type { Metadata } from "next";
import { FileQuestion } from "lucide-react";
import { StandalonePage } from "@/components/shell/standalone-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <StandalonePage icon={FileQuestion} code="404 · Not found" title="This page does not exist">
      The link may be out of date, or the item was removed.
    </StandalonePage>
  );
}
