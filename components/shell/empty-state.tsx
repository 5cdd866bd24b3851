import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";

type TProps = { icon?: LucideIcon; title: string; description?: ReactNode; action?: ReactNode };

/** What a list shows when there is nothing: say what would be here and how to get there. */
export function EmptyState({ icon: Icon, title, description, action }: TProps) {
  return (
    <div className="flex flex-col items-center justify-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      {Icon ? (
        <span className="mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-brand-50 text-brand-600">
          <Icon aria-hidden="true" className="h-5 w-5" />
        </span>
      ) : null}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {description ? <p className="mt-1 max-w-md text-sm text-slate-500">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
