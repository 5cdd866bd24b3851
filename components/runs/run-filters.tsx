import { FilterBar, SelectField } from "@/components/shell/filters";
import { RUN_STATUS_LABELS } from "@/components/shell/status-badge";
import { RUN_STATUSES, type TRunList } from "@/server/runs/run-list.shared";

type TProps = { filters: TRunList["filters"]; workflows: TRunList["workflows"]; isFiltered: boolean };

export function RunFilters({ filters, workflows, isFiltered }: TProps) {
  const hasManyTeams = new Set(workflows.map((w) => w.teamName)).size > 1;
  return (
    <FilterBar clearHref="/runs" isFiltered={isFiltered}>
      <SelectField
        name="workflow"
        label="Workflow"
        value={filters.workflow}
        allLabel="All workflows"
        options={workflows.map((w) => ({ value: w.id, label: hasManyTeams ? `${w.name} (${w.teamName})` : w.name }))}
      />
      <SelectField
        name="status"
        label="Status"
        value={filters.status}
        allLabel="Any status"
        options={RUN_STATUSES.map((s) => ({ value: s, label: RUN_STATUS_LABELS[s] }))}
      />
    </FilterBar>
  );
}
