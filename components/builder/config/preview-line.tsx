"use client";

import { useEffect, useMemo, useState } from "react";
import { checkExpressionSyntax, checkTemplateSyntax } from "@/server/engine/expression-check.shared";
import {
  formatPreviewValue,
  previewExpression,
  previewTemplate,
  type TPreview,
} from "@/server/workflows/expression-preview.shared";
import type { TExpressionScope } from "@/server/workflows/editor.shared";
import { useForm } from "./form-context";

type TKind = "jsonata" | "template";

/** The preview, recomputed a moment after typing stops; the last one stays on screen meanwhile (no flicker). */
function usePreview(kind: TKind, source: string, scope: TExpressionScope | null, isEnabled: boolean): TPreview | null {
  const [preview, setPreview] = useState<TPreview | null>(null);
  useEffect(() => {
    if (!isEnabled) return;
    let isCancelled = false;
    const timer = setTimeout(() => {
      const run = kind === "template" ? previewTemplate(source, scope) : previewExpression(source, scope);
      void run.then((next) => {
        if (!isCancelled) setPreview(next);
      });
    }, 150);
    return () => {
      isCancelled = true;
      clearTimeout(timer);
    };
  }, [kind, source, scope, isEnabled]);
  return isEnabled ? preview : null;
}

function oneLine(text: string, max = 160): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

type TLine = { tone: "value" | "error" | "muted"; text: string; full?: string };

function describe(kind: TKind, source: string, syntaxError: string | null, preview: TPreview | null): TLine | null {
  if (syntaxError) return { tone: "error", text: syntaxError };
  if (!preview || preview.status === "empty") return null;
  if (preview.status === "no-scope") return { tone: "muted", text: "No run yet to preview against" };
  if (preview.status === "error") return { tone: "error", text: `→ error: ${preview.message}` };
  if (kind === "template") {
    if (!source.includes("{{")) return null;
    const text = String(preview.value);
    return {
      tone: "value",
      text: `Preview: ${oneLine(text) || "(empty)"}`,
      full: text.length > 60 || text.includes("\n") ? text : undefined,
    };
  }
  const value = preview.value;
  const isComplex = value !== null && typeof value === "object";
  const full = isComplex ? JSON.stringify(value, null, 2) : undefined;
  return {
    tone: "value",
    text: `→ ${formatPreviewValue(value, 160)}`,
    full: full && full.length > 40 ? full : undefined,
  };
}

const TONES = { value: "text-slate-600", error: "text-red-700", muted: "text-slate-400" } as const;

/**
 * One line under an expression or template field: its syntax error, or its value against the last run's data
 * ("→ 0.92", "→ error: …", "No run yet to preview against"). Always one line high, so typing never moves the
 * form; a long value opens in full on demand.
 */
export function PreviewLine({ id, kind, source }: { id: string; kind: TKind; source: string }) {
  const { scope } = useForm();
  const syntaxError = useMemo(() => {
    if (kind === "jsonata") {
      if (source.trim() === "") return null;
      const check = checkExpressionSyntax(source);
      return check.isValid ? null : `Syntax error: ${check.message}`;
    }
    const [problem] = checkTemplateSyntax(source);
    return problem ? `Syntax error: ${problem.message}` : null;
  }, [kind, source]);
  const preview = usePreview(kind, source, scope, syntaxError === null);
  const line = describe(kind, source, syntaxError, preview);
  return (
    <div id={id} className="min-h-5 text-xs leading-5" data-testid="config-preview">
      {line?.full ? (
        <details className="group">
          <summary className={`cursor-pointer truncate rounded-sm ${TONES[line.tone]} hover:text-slate-900`}>
            {line.text}
          </summary>
          <pre className="mt-1 max-h-48 overflow-auto rounded-md border border-slate-200 bg-slate-50 px-2 py-1.5 font-mono text-[11px] leading-4 whitespace-pre-wrap text-slate-800 [overflow-wrap:anywhere]">
            {line.full}
          </pre>
        </details>
      ) : line ? (
        <p className={`truncate ${TONES[line.tone]}`} title={line.text}>
          {line.text}
        </p>
      ) : null}
    </div>
  );
}
