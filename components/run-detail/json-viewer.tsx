import { ChevronRight } from "lucide-react";

/** Displayed JSON is cut here so that a huge payload cannot freeze the page. */
const MAX_CHARS = 100_000;

function toText(value: unknown): string {
  if (value === undefined) return "—";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

type TProps = {
  label: string;
  value: unknown;
  isOpen?: boolean;
  /** Completes the accessible name ("of score"). */ of?: string;
};

/** A collapsible, scrollable, pretty-printed JSON value. */
export function JsonViewer({ label, value, isOpen = false, of }: TProps) {
  const name = of ? `${label} of ${of}` : label;
  const text = toText(value);
  const isEmpty = value === null || value === undefined;
  const shown = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  return (
    <details open={isOpen} className="group rounded-md border border-slate-200 bg-white">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 px-3 py-2 text-xs font-medium text-slate-600 select-none hover:text-slate-900 [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden="true" className="h-3.5 w-3.5 shrink-0 transition-transform group-open:rotate-90" />
        {label}
        {of ? <span className="sr-only"> of {of}</span> : null}
        {isEmpty ? <span className="font-normal text-slate-400">(empty)</span> : null}
      </summary>
      <pre
        tabIndex={0}
        aria-label={name}
        className="max-h-80 overflow-auto border-t border-slate-100 bg-slate-50 px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800 [overflow-wrap:anywhere]"
      >
        {shown}
      </pre>
      {shown !== text ? (
        <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
          Showing the first {MAX_CHARS.toLocaleString("en-US")} of {text.length.toLocaleString("en-US")} characters.
        </p>
      ) : null}
    </details>
  );
}
