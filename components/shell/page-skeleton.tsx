// A light skeleton while a section's data loads: header, filter row and a few table rows.
export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse">
      <div className="h-7 w-48 rounded bg-slate-200" />
      <div className="mt-2 h-4 w-80 max-w-full rounded bg-slate-100" />
      <div className="mt-8 h-9 w-full max-w-xl rounded bg-slate-100" />
      <div className="mt-4 overflow-hidden rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex gap-4 border-b border-slate-100 px-4 py-4 last:border-0">
            <div className="h-4 w-1/4 rounded bg-slate-100" />
            <div className="h-4 w-1/6 rounded bg-slate-100" />
            <div className="h-4 w-1/5 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
