"use client";

import { SelectField } from "./fields";

type TProps = { value: unknown; onChange: (next: unknown) => void };

const CHOICES = [
  { value: "", label: "Not set (the full request)" },
  { value: "full", label: "The full request" },
  { value: "hash", label: "Only its SHA-256" },
  { value: "none", label: "Nothing" },
] as const;

export function RecordPromptsSection({ value, onChange }: TProps) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <SelectField
        label="Record what was sent"
        hint="What a model step keeps of the request that left Baton after redaction; where several policies apply, the one that keeps least wins."
        path="recordPrompts"
        value={typeof value === "string" ? value : ""}
        choices={CHOICES.map((c) => ({ ...c }))}
        onChange={(v) => onChange(v === "" ? undefined : v)}
      />
    </section>
  );
}
