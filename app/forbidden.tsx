import type { Metadata } from "next";
import { Lock } from "lucide-react";
import { StandalonePage } from "@/components/shell/standalone-page";

export const metadata: Metadata = { title: "No access" };

export default function Forbidden() {
  return (
    <StandalonePage icon={Lock} code="403 · Forbidden" title="You don't have access to this page">
      Your role in your teams does not include this section. If you need it, ask an admin of your team.
    </StandalonePage>
  );
}
