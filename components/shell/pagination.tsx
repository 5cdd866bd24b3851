import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";

type TProps = {
  basePath: string;
  /** The current, already validated filters to keep in the links. */
  params: Record<string, string | undefined>;
  page: number;
  pageCount: number;
  total: number;
  noun: string;
};

function href(basePath: string, params: TProps["params"], page: number): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  if (page > 1) search.set("page", String(page));
  const qs = search.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

const LINK =
  "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
const DISABLED = "inline-flex items-center gap-1 rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-300";

export function Pagination({ basePath, params, page, pageCount, total, noun }: TProps) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3 text-sm text-slate-500">
      <p>
        {total.toLocaleString("en-US")} {noun} · page {page} of {pageCount}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(basePath, params, page - 1)} className={LINK} rel="prev">
            <ChevronLeft aria-hidden="true" className="h-4 w-4" /> Previous
          </Link>
        ) : (
          <span className={DISABLED} aria-disabled="true">
            <ChevronLeft aria-hidden="true" className="h-4 w-4" /> Previous
          </span>
        )}
        {page < pageCount ? (
          <Link href={href(basePath, params, page + 1)} className={LINK} rel="next">
            Next <ChevronRight aria-hidden="true" className="h-4 w-4" />
          </Link>
        ) : (
          <span className={DISABLED} aria-disabled="true">
            Next <ChevronRight aria-hidden="true" className="h-4 w-4" />
          </span>
        )}
      </div>
    </nav>
  );
}
