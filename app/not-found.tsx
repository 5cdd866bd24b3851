import type { Metadata } from "next";
import { connection } from "next/server";
import { FileQuestion } from "lucide-react";
import { StandalonePage } from "@/components/shell/standalone-page";

export const metadata: Metadata = { title: "Page not found" };

// Rendered per request, never prerendered: its scripts need the request's CSP nonce (see proxy.ts).
export default async function NotFound() {
  await connection();
  return (
    <StandalonePage icon={FileQuestion} code="404 · Not found" title="This page does not exist">
      The link may be out of date, or the item was removed.
    </StandalonePage>
  );
}
