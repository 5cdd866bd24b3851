import clsx from "clsx";
import { FilePlus2, LayoutTemplate } from "lucide-react";
import type { TWorkflowTemplateSummary } from "@/server/workflows/workflow-templates.shared";

export const BLANK = "";

const TRIGGERS: Record<string, string> = {
  manual: "Started by hand",
  webhook: "Webhook trigger",
  schedule: "Scheduled",
  event: "Event trigger",
};

/** "Blank" or one of the templates, as radio cards (arrow keys move between them, as in any radio group). */
export function TemplateChoice({
  templates,
  value,
  onChange,
}: {
  templates: TWorkflowTemplateSummary[];
  value: string;
  onChange: (key: string) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Start from</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        <Card id="template-blank" name="Blank workflow" isChecked={value === BLANK} onSelect={() => onChange(BLANK)} icon="blank">
          An empty canvas: add a trigger and the steps you need.
        </Card>
        {templates.map((t) => (
          <Card
            key={t.key}
            id={`template-${t.key}`}
            name={t.name}
            isChecked={value === t.key}
            onSelect={() => onChange(t.key)}
            icon="template"
            meta={`${t.category} · ${t.nodeCount} steps · ${TRIGGERS[t.triggerType] ?? t.triggerType}`}
          >
            {t.description}
          </Card>
        ))}
      </div>
    </fieldset>
  );
}

function Card({
  id,
  name,
  meta,
  isChecked,
  onSelect,
  icon,
  children,
}: {
  id: string;
  name: string;
  meta?: string;
  isChecked: boolean;
  onSelect: () => void;
  icon: "blank" | "template";
  children: string;
}) {
  const Icon = icon === "blank" ? FilePlus2 : LayoutTemplate;
  return (
    <label
      className={clsx(
        "relative flex cursor-pointer gap-3 rounded-lg border p-3 text-left has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
        isChecked ? "border-brand-500 bg-brand-50/60 ring-1 ring-brand-500" : "border-slate-200 hover:border-slate-300",
      )}
    >
      <input
        type="radio"
        name="template"
        checked={isChecked}
        onChange={onSelect}
        // Invisible but covering the card: the whole card is the radio's hit area.
        className="absolute inset-0 h-full w-full cursor-pointer appearance-none rounded-lg opacity-0"
        aria-labelledby={`${id}-name`}
        aria-describedby={`${id}-about`}
      />
      <span
        aria-hidden="true"
        className={clsx(
          "flex h-8 w-8 shrink-0 items-center justify-center rounded-md",
          isChecked ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-500",
        )}
      >
        <Icon className="h-4 w-4" />
      </span>
      <span className="min-w-0">
        <span id={`${id}-name`} className="block text-sm font-medium text-slate-900">
          {name}
        </span>
        <span id={`${id}-about`}>
          {meta ? <span className="mt-0.5 block text-xs text-brand-700">{meta}</span> : null}
          <span className="mt-1 block text-xs text-slate-500">{children}</span>
        </span>
      </span>
    </label>
  );
}
