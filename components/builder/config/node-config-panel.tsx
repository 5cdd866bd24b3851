"use client";

import { memo, useCallback, useEffect, useId, useMemo, useRef } from "react";
import { describeNodeConfig, describeNodeSettings, type TConfigForm } from "@/server/workflows/config-fields.shared";
import { listFieldPaths, placeProblems, setIn, type TPath } from "@/server/workflows/config-values.shared";
import type { TEditorCatalog, TExpressionScope } from "@/server/workflows/editor.shared";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TWorkflowGraph, TWorkflowNode } from "@/server/workflows/graph.shared";
import { buildVariableSuggestions } from "@/server/workflows/upstream-variables.shared";
import { findDefinition } from "@/server/nodes/registry.shared";
import { ConfigFields } from "./field-renderer";
import { FormContext, type TFormContext } from "./form-context";
import { PanelHeader } from "./panel-header";
import { PanelProblems } from "./panel-problems";
import { SettingsSection } from "./settings-section";

export type TNodeConfigPatch = {
  config?: Record<string, unknown>;
  settings?: TWorkflowNode["settings"];
  label?: string;
};

export type TNodeConfigPanelProps = {
  node: TWorkflowNode;
  /** To find the nodes upstream of `node`, for the variable autocomplete. */
  graph: TWorkflowGraph;
  /** Problems of this node (nodeId === node.id). */
  problems: TGraphProblem[];
  catalog: TEditorCatalog;
  /** The last run's data, for previews; null when there is none. */
  scope: TExpressionScope | null;
  isReadOnly: boolean;
  /** Called on every edit with the whole new config (or settings, or label). */
  onChange: (patch: TNodeConfigPatch) => void;
  onClose: () => void;
};

// A node type this build does not know: its config can still be read and edited as JSON.
const UNKNOWN_FORM: TConfigForm = {
  fields: [
    {
      key: "",
      pattern: "",
      label: "Configuration (JSON)",
      widget: "json",
      isRequired: true,
      isOptional: false,
      isNullable: false,
    },
  ],
};

/**
 * The right-hand panel of the workflow editor for one node: a form generated from the node type's config schema
 * and UI hints, the node's retries/timeout/error settings, and its problems inline under each field.
 */
export const NodeConfigPanel = memo(function NodeConfigPanel(props: TNodeConfigPanelProps) {
  const { node, graph, problems, catalog, scope, isReadOnly, onClose } = props;
  const idPrefix = `cfg${useId().replace(/[^\w-]/g, "")}`;
  const definition = findDefinition(node.type);
  const form = definition ? describeNodeConfig(definition) : UNKNOWN_FORM;
  const settingsForm = describeNodeSettings();

  // The newest values and callback, so two edits before the parent re-renders never build on a stale config.
  const latest = useRef({ config: node.config, settings: node.settings, onChange: props.onChange });
  useEffect(() => {
    latest.current = { config: node.config, settings: node.settings, onChange: props.onChange };
  }, [node.config, node.settings, props.onChange]);

  const setConfigAt = useCallback((path: TPath, value: unknown) => {
    const config = setIn(latest.current.config, path, value);
    // A node's config is always an object (the JSON editor of an unknown node type could produce anything else).
    if (config === null || typeof config !== "object" || Array.isArray(config)) return;
    latest.current.config = config as Record<string, unknown>;
    latest.current.onChange({ config: latest.current.config });
  }, []);
  const setSettingsAt = useCallback((path: TPath, value: unknown) => {
    const settings = setIn(latest.current.settings ?? {}, path, value) as TWorkflowNode["settings"];
    latest.current.settings = settings;
    latest.current.onChange({ settings });
  }, []);

  const suggestions = useMemo(() => buildVariableSuggestions(graph, node.id, scope), [graph, node.id, scope]);
  const placed = useMemo(() => {
    const shown = [
      "label",
      ...listFieldPaths(form.fields, node.config),
      ...listFieldPaths(settingsForm.fields, node.settings ?? {}).map((path) => `settings.${path}`),
    ];
    return placeProblems(problems, shown);
  }, [problems, form, settingsForm, node.config, node.settings]);

  const base = { idPrefix, isReadOnly, catalog, scope, suggestions, problemsByPath: placed.byPath };
  const configContext: TFormContext = { ...base, root: node.config, setAt: setConfigAt, problemPrefix: "" };
  const settingsContext: TFormContext = {
    ...base,
    root: node.settings ?? {},
    setAt: setSettingsAt,
    problemPrefix: "settings",
  };
  const hasSettingsProblems = Object.keys(placed.byPath).some((path) => path.startsWith("settings."));

  return (
    <section
      aria-labelledby={`${idPrefix}-title`}
      data-testid="node-config-panel"
      data-node-id={node.id}
      className="pb-6"
    >
      <PanelHeader
        idPrefix={idPrefix}
        nodeId={node.id}
        nodeType={node.type}
        label={node.label}
        definition={definition}
        labelProblems={placed.byPath.label ?? []}
        isReadOnly={isReadOnly}
        onLabelChange={(label) => latest.current.onChange({ label })}
        onClose={onClose}
      />
      <PanelProblems id={`${idPrefix}-problems`} problems={placed.unplaced} />
      {isReadOnly ? (
        <p className="mx-4 mt-3 rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-600">
          Read only: you can look but not change.
        </p>
      ) : null}
      <form
        className="px-4 py-4"
        aria-label={`${definition?.label ?? node.type} configuration`}
        onSubmit={(e) => e.preventDefault()}
        noValidate
      >
        <FormContext.Provider value={configContext}>
          <ConfigFields fields={form.fields} base={[]} />
        </FormContext.Provider>
      </form>
      <FormContext.Provider value={settingsContext}>
        <SettingsSection
          id={`${idPrefix}-settings`}
          settings={node.settings}
          hasProblems={hasSettingsProblems}
          fields={settingsForm.fields}
        />
      </FormContext.Provider>
    </section>
  );
});
