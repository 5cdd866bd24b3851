"use client";

import { Plus, Trash2 } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";
import { ROLES } from "@/server/policies/policy-editor.shared";
import { useRulesForm } from "./editor-context";
import { CheckboxesField, ListField, TextField } from "./fields";
import { RuleSection } from "./rule-section";
import { asList, asRecord, asStrings, withEntry, withKey, type TRecord } from "./rule-values";

type TProps = { value: unknown; onChange: (next: unknown) => void };

const ROLE_CHOICES = ROLES.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }));

/** Who a grant is for: workflows, teams and roles; an empty choice means anyone. */
function GranteeFields({ path, grant, onChange }: { path: string; grant: TRecord; onChange: (next: TRecord) => void }) {
  const { options } = useRulesForm();
  const teamName = new Map(options.teams.map((t) => [t.id, t.name]));
  const optional = (list: string[] | undefined) => list;
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <CheckboxesField
        label="Workflows"
        hint="Only these workflows; none ticked: any workflow."
        path={`${path}.workflows`}
        value={grant.workflows === undefined ? undefined : asStrings(grant.workflows)}
        choices={options.workflows.map((w) => ({ value: w.id, label: `${w.name} (${teamName.get(w.teamId) ?? "team"})` }))}
        onChange={(list) => onChange(withKey(grant, "workflows", optional(list)))}
        isScrolling
      />
      <CheckboxesField
        label="Teams"
        hint="Only runs of these teams; none ticked: any team."
        path={`${path}.teams`}
        value={grant.teams === undefined ? undefined : asStrings(grant.teams)}
        choices={options.teams.map((t) => ({ value: t.id, label: t.name }))}
        onChange={(list) => onChange(withKey(grant, "teams", optional(list)))}
        isScrolling
      />
      <CheckboxesField
        label="Roles"
        hint="Only when the person who started the run has one of these roles in its team (a webhook or scheduled run has none); none ticked: any role."
        path={`${path}.roles`}
        value={grant.roles === undefined ? undefined : asStrings(grant.roles)}
        choices={ROLE_CHOICES}
        onChange={(list) => onChange(withKey(grant, "roles", optional(list)))}
      />
    </div>
  );
}

function GrantList({
  kind,
  grants,
  onChange,
}: {
  kind: "http" | "mcp";
  grants: unknown[];
  onChange: (next: unknown[]) => void;
}) {
  const { isReadOnly } = useRulesForm();
  return (
    <div className="space-y-3">
      {grants.length === 0 ? (
        <p className="text-sm text-amber-800">
          No grant yet: every {kind === "http" ? "HTTP call" : "MCP tool call"} this policy covers is refused.
        </p>
      ) : null}
      {grants.map((raw, i) => {
        const grant = asRecord(raw);
        const path = `tools.${kind}[${i}]`;
        const update = (next: TRecord) => onChange(withEntry(grants, i, next));
        return (
          <div key={i} className="space-y-3 rounded-md border border-slate-200 p-3">
            <div className="flex items-start gap-3">
              <div className="min-w-0 flex-1">
                {kind === "http" ? (
                  <ListField
                    label={`Grant ${i + 1}: hosts`}
                    hint='Exact host names ("api.example.com") or all subdomains ("*.example.com"), lower case.'
                    path={`${path}.hosts`}
                    value={asStrings(grant.hosts)}
                    onChange={(list) => update(withKey(grant, "hosts", list ?? []))}
                    placeholder="api.example.com, *.partner.example"
                  />
                ) : (
                  <div className="grid gap-4 md:grid-cols-2">
                    <TextField
                      label={`Grant ${i + 1}: MCP server`}
                      hint="The MCP server's name, as MCP nodes name it."
                      path={`${path}.server`}
                      value={typeof grant.server === "string" ? grant.server : ""}
                      onChange={(v) => update(withKey(grant, "server", v))}
                    />
                    <ListField
                      label="Tools"
                      hint="Only these tools of the server; empty: every tool."
                      path={`${path}.tools`}
                      value={grant.tools === undefined ? undefined : asStrings(grant.tools)}
                      onChange={(list) => update(withKey(grant, "tools", list))}
                    />
                  </div>
                )}
              </div>
              {isReadOnly ? null : (
                <button type="button" className={`${BUTTON.small} mt-6`} onClick={() => onChange(withEntry(grants, i, undefined))} aria-label={`Remove ${kind === "http" ? "HTTP" : "MCP"} grant ${i + 1}`}>
                  <Trash2 aria-hidden="true" className="h-3.5 w-3.5" />
                </button>
              )}
            </div>
            <GranteeFields path={path} grant={grant} onChange={update} />
          </div>
        );
      })}
      {isReadOnly ? null : (
        <button type="button" className={BUTTON.secondary} onClick={() => onChange([...grants, kind === "http" ? { hosts: [] } : { server: "" }])}>
          <Plus aria-hidden="true" className="h-4 w-4" /> Add {kind === "http" ? "HTTP" : "MCP"} grant
        </button>
      )}
    </div>
  );
}

function Restriction({ label, hint, isOn, onToggle, children }: { label: string; hint: string; isOn: boolean; onToggle: (isOn: boolean) => void; children: React.ReactNode }) {
  const { isReadOnly } = useRulesForm();
  return (
    <div>
      <label className="flex items-start gap-2">
        <input type="checkbox" disabled={isReadOnly} checked={isOn} onChange={(e) => onToggle(e.target.checked)} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
        <span>
          <span className="block text-sm font-medium text-slate-800">{label}</span>
          <span className="block text-xs text-slate-500">{hint}</span>
        </span>
      </label>
      {isOn ? <div className="mt-3 sm:ml-6">{children}</div> : null}
    </div>
  );
}

export function ToolsSection({ value, onChange }: TProps) {
  const rule = asRecord(value);
  const set = (key: string, next: unknown) => onChange(withKey(rule, key, next));
  return (
    <RuleSection
      ruleKey="tools"
      title="Tools"
      description="Which HTTP hosts and MCP tools a step may call, per workflow, team and role; the organisation's outbound network settings still apply."
      isOn={value !== undefined}
      onToggle={(isOn) => onChange(isOn ? {} : undefined)}
    >
      <Restriction
        label="Restrict HTTP calls"
        hint="An HTTP call is allowed only to a host of a grant that covers its workflow, team and role."
        isOn={rule.http !== undefined}
        onToggle={(isOn) => set("http", isOn ? [] : undefined)}
      >
        <GrantList kind="http" grants={asList(rule.http)} onChange={(list) => set("http", list)} />
      </Restriction>
      <Restriction
        label="Restrict MCP tool calls"
        hint="An MCP tool call is allowed only through a grant of its server (and tool) that covers its workflow, team and role."
        isOn={rule.mcp !== undefined}
        onToggle={(isOn) => set("mcp", isOn ? [] : undefined)}
      >
        <GrantList kind="mcp" grants={asList(rule.mcp)} onChange={(list) => set("mcp", list)} />
      </Restriction>
    </RuleSection>
  );
}
