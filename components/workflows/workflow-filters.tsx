import { FilterBar, SearchField, SelectField } from "@/components/shell/filters";
import { WORKFLOW_STATUS_LABELS } from "@/components/shell/status-badge";
import { OWNER_ME, WORKFLOW_STATUSES, type TWorkflowList } from "@/server/workflows/workflow-list.shared";

type TProps = {
  filters: TWorkflowList["filters"];
  teams: TWorkflowList["teams"];
  owners: TWorkflowList["owners"];
  isFiltered: boolean;
};

export function WorkflowFilters({ filters, teams, owners, isFiltered }: TProps) {
  return (
    <FilterBar clearHref="/workflows" isFiltered={isFiltered}>
      <SearchField name="q" label="Search" value={filters.q} placeholder="Name, description or tag" />
      {teams.length > 1 ? (
        <SelectField
          name="team"
          label="Team"
          value={filters.team}
          allLabel="All teams"
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
        />
      ) : null}
      <SelectField
        name="status"
        label="Status"
        value={filters.status}
        allLabel="Any but archived"
        options={WORKFLOW_STATUSES.map((s) => ({ value: s, label: WORKFLOW_STATUS_LABELS[s] }))}
      />
      <SelectField
        name="owner"
        label="Owner"
        value={filters.owner}
        allLabel="Anyone"
        options={[{ value: OWNER_ME, label: "Mine" }, ...owners.map((o) => ({ value: o.id, label: o.name }))]}
      />
    </FilterBar>
  );
}
