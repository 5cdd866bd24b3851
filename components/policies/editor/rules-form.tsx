"use client";

import { ApprovalSection } from "./approval-section";
import { ContentSection } from "./content-section";
import { ModelsSection } from "./models-section";
import { PiiSection } from "./pii-section";
import { RecordPromptsSection } from "./record-prompts-section";
import { asRecord, isRecord, withKey } from "./rule-values";
import { ToolsSection } from "./tools-section";

type TProps = { document: unknown; onChange: (next: unknown) => void };

/** The document as a form: one section per rule, each switched on or off. */
export function RulesForm({ document, onChange }: TProps) {
  const doc = asRecord(document);
  const set = (key: string) => (next: unknown) => onChange(withKey(doc, key, next));
  return (
    <div className="space-y-4">
      {isRecord(document) ? null : (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The document is not an object, so the form shows it empty; fix it in the JSON view, or change a field here to start again.
        </p>
      )}
      <ApprovalSection value={doc.approvalWhen} onChange={set("approvalWhen")} />
      <ModelsSection value={doc.models} onChange={set("models")} />
      <PiiSection value={doc.pii} onChange={set("pii")} />
      <ContentSection value={doc.content} onChange={set("content")} />
      <ToolsSection value={doc.tools} onChange={set("tools")} />
      <RecordPromptsSection value={doc.recordPrompts} onChange={set("recordPrompts")} />
    </div>
  );
}
