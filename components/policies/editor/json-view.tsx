"use client";

import { useState } from "react";
import { parseJsonText } from "@/components/parse-json-text";
import { jsonEqual } from "@/server/policies/diff-documents.shared";
import { useRulesForm } from "./editor-context";

type TProps = {
  document: unknown;
  onChange: (next: unknown) => void;
  /** Set while the text does not parse: the form cannot show it, so the editor keeps the person here. */
  onSyntaxError: (message: string | null) => void;
};

export function formatDocument(document: unknown): string {
  return JSON.stringify(document ?? {}, null, 2);
}

/**
 * The same draft as the form, as JSON. Every edit that parses becomes the draft at once (the form shows it too);
 * text that does not parse stays here, with where and why, and the draft keeps its last parsed value.
 */
export function JsonView({ document, onChange, onSyntaxError }: TProps) {
  const { isReadOnly } = useRulesForm();
  const [text, setText] = useState(() => formatDocument(document));
  const [syntax, setSyntax] = useState<string | null>(null);
  const [shown, setShown] = useState(document);
  if (shown !== document) {
    setShown(document);
    const parsed = parseJsonText(text);
    if (!parsed.isValid || !jsonEqual(parsed.value, document)) {
      setText(formatDocument(document));
      setSyntax(null);
    }
  }
  const change = (next: string) => {
    setText(next);
    const parsed = parseJsonText(next);
    const message = parsed.isValid ? null : parsed.message;
    setSyntax(message);
    onSyntaxError(message);
    if (parsed.isValid) {
      setShown(parsed.value);
      onChange(parsed.value);
    }
  };
  return (
    <div>
      <label htmlFor="policy-json" className="block text-sm font-medium text-slate-700">
        Policy document (JSON)
      </label>
      <p id="policy-json-hint" className="mt-0.5 text-xs text-slate-500">
        The document the form edits, for power users: every rule and field of the form, by its key.
      </p>
      <textarea
        id="policy-json"
        value={text}
        readOnly={isReadOnly}
        onChange={(e) => change(e.target.value)}
        spellCheck={false}
        autoCapitalize="off"
        rows={22}
        aria-invalid={syntax ? true : undefined}
        aria-describedby={syntax ? "policy-json-hint policy-json-syntax" : "policy-json-hint"}
        className="mt-2 w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs leading-5 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-400"
      />
      <p className="mt-1 text-xs text-slate-500">
        <code>approvalWhen.per</code>: <code>&quot;run&quot;</code> (the default when left out) asks a person once per run and policy version, and
        later calls held for what was approved go ahead; <code>&quot;call&quot;</code> asks before every call the rule holds.
      </p>
      {syntax ? (
        <p id="policy-json-syntax" role="alert" className="mt-1 text-sm font-medium text-red-700">
          {syntax}
        </p>
      ) : null}
    </div>
  );
}
