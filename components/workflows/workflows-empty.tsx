import Link from "next/link";
import { SearchX, Workflow } from "lucide-react";
import { EmptyState } from "@/components/shell/empty-state";

export function WorkflowsEmpty({ isFiltered, canWrite }: { isFiltered: boolean; canWrite: boolean }) {
  if (isFiltered) {
    return (
      <EmptyState
        icon={SearchX}
        title="No workflows match these filters"
        description="Try another search term, or clear the filters to see every workflow of your teams."
        action={
          <Link href="/workflows" className="text-sm font-medium text-brand-700 hover:underline">
            Clear filters
          </Link>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={Workflow}
      title="No workflows yet"
      description={
        canWrite
          ? "Create one with New workflow, from a blank canvas or a template, or import one exported from Baton."
          : "Workflows your teams build will appear here. Ask a builder of your team to create one."
      }
    />
  );
}
