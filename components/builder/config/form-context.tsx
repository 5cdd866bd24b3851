"use client";

import { createContext, useContext } from "react";
import type { TPath } from "@/server/workflows/config-values.shared";
import type { TEditorCatalog, TExpressionScope } from "@/server/workflows/editor.shared";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TVariableSuggestion } from "@/server/workflows/upstream-variables.shared";

/** What every field of one form (the node's config, or its settings) reads and writes. */
export type TFormContext = {
  /** Unique per panel, for element ids. */
  idPrefix: string;
  /** The config (or settings) object being edited. */
  root: unknown;
  setAt: (path: TPath, value: unknown) => void;
  /** "" for the config; "settings" for the settings form, as problem fields are "settings.timeoutMs". */
  problemPrefix: string;
  problemsByPath: Record<string, TGraphProblem[]>;
  isReadOnly: boolean;
  catalog: TEditorCatalog;
  scope: TExpressionScope | null;
  suggestions: TVariableSuggestion[];
};

export const FormContext = createContext<TFormContext | null>(null);

export function useForm(): TFormContext {
  const context = useContext(FormContext);
  if (!context) throw new Error("Configuration fields render inside a FormContext provider");
  return context;
}
