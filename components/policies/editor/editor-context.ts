"use client";

import { createContext, useContext } from "react";
import type { TDocumentProblem } from "@/server/policies/policy-editor.shared";
import type { TRuleOptions } from "@/server/policies/policy-form.shared";

/** What every field of the rules form needs: the document's current problems, whether it may be changed, the pickers' choices. */
export type TRulesFormContext = { problems: TDocumentProblem[]; isReadOnly: boolean; options: TRuleOptions };

export const RulesFormContext = createContext<TRulesFormContext>({
  problems: [],
  isReadOnly: true,
  options: { teams: [], workflows: [], models: [], providers: [], regions: [] },
});

export function useRulesForm(): TRulesFormContext {
  return useContext(RulesFormContext);
}
